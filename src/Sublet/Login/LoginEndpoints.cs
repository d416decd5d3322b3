using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Sublet.Core;
using Sublet.Diagnostics;
using Sublet.Passwords;
using Sublet.Security;
using Sublet.Users;

namespace Sublet.Login;

/// <summary>
/// <c>POST /login</c> and <c>POST /logout</c> on a tenant's host. A login is throttled per user and address, checks
/// the password with no connection held and in a bounded number of hashing slots, spends the same work on an
/// unknown user as on a known one, stores a stronger hash when the stored one is weaker than configured, and issues
/// a new session id.
/// </summary>
internal static class LoginEndpoints
{
    public const int MaxLoginBodyBytes = 16 * 1024;

    public static async Task<Results<Ok<LoginReply>, ProblemHttpResult>> LoginAsync(
        HttpContext context,
        Tenant tenant,
        ITenantUserStore users,
        IPasswordHasher hasher,
        IPasswordHashingSlots hashing,
        ILoginThrottle throttle,
        SubletMetrics metrics,
        CancellationToken cancellationToken)
    {
        var (credentials, problem) = await LoginCredentials.ReadAsync(context.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var (username, password) = credentials!;
        if (!throttle.TryAcquire(context, username, out var retryAfter))
        {
            metrics.LoginFailed(tenant, "throttled");
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many login attempts", detail: "Wait before trying again.");
        }

        var user = await users.FindAsync(tenant, username, cancellationToken);
        var verification = PasswordVerification.Failed;
        var checkedPassword = await hashing.TryRunAsync(
            () =>
            {
                if (user is not null)
                {
                    verification = hasher.Verify(password, user.PasswordHash);
                }
                else
                {
                    // As long as a real check, so the answer's timing does not tell who exists.
                    hasher.VerifyNothing(password);
                }
            },
            cancellationToken);
        if (!checkedPassword)
        {
            metrics.LoginFailed(tenant, "busy");
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many logins in progress", detail: "Try again in a moment.");
        }

        if (verification == PasswordVerification.Failed)
        {
            throttle.RecordFailure(context, username);
            metrics.LoginFailed(tenant, "credentials");
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong username or password");
        }

        string? stronger = null;
        // Busy: the upgrade waits for the next login; the password was right all the same.
        if (verification == PasswordVerification.SuccessRehashNeeded
            && await hashing.TryRunAsync(() => stronger = hasher.Hash(password), cancellationToken)
            && stronger is not null)
        {
            await users.UpgradePasswordHashAsync(tenant, username, stronger, cancellationToken);
        }

        await context.SignInTenantUserAsync(username);
        return TypedResults.Ok(new LoginReply("login successful"));
    }

    public static async Task<Ok<LoginReply>> LogoutAsync(HttpContext context)
    {
        await context.SignOutTenantUserAsync();
        return TypedResults.Ok(new LoginReply("logout successful"));
    }
}
