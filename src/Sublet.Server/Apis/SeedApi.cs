using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Sublet.Data;
using Sublet.Diagnostics;
using Sublet.Passwords;
using Sublet.Security;
using Sublet.Core;

namespace Sublet.Server.Apis;

/// <summary>The seed app's tenant endpoints: <c>POST /login</c>, <c>POST /logout</c>, <c>GET /data</c>.</summary>
public static class SeedApi
{
    private const int MaxLoginBodyBytes = 16 * 1024;

    /// <summary>Maps the endpoints on every tenant's subdomain.</summary>
    public static IEndpointRouteBuilder MapSeedApi(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup(string.Empty).RequireTenant();
        tenant.MapPost("/login", LoginAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxLoginBodyBytes))
            .DisableAntiforgery();
        // The cast keeps the typed result: a bare (HttpContext) => Task<T> would bind as a RequestDelegate.
        tenant.MapPost("/logout", (Delegate)LogoutAsync).RequireAuthorization();
        tenant.MapGet("/data", GetDataAsync).RequireAuthorization();
        return app;
    }

    internal static async Task<Results<Ok<Message>, ProblemHttpResult>> LoginAsync(
        HttpContext context,
        Tenant tenant,
        ITenantDatabase database,
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
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many login attempts", detail: "Wait before trying again.");
        }

        // The hash is checked with no connection held: PBKDF2 takes far longer than the query.
        var user = await AppUsers.FindAsync(database, tenant, username, cancellationToken);
        var verification = PasswordVerification.Failed;
        var checkedPassword = await hashing.TryRunAsync(
            () =>
            {
                if (user is { } found)
                {
                    verification = hasher.Verify(password, found.PasswordHash);
                }
                else
                {
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
            return WrongCredentials();
        }

        string? stronger = null;
        // Busy: the upgrade waits for the next login; the password was right all the same.
        if (verification == PasswordVerification.SuccessRehashNeeded
            && await hashing.TryRunAsync(() => stronger = hasher.Hash(password), cancellationToken)
            && stronger is not null)
        {
            await AppUsers.SetPasswordHashAsync(database, tenant, user!.Value.Id, stronger, cancellationToken);
        }

        await context.SignInTenantUserAsync(username);
        return TypedResults.Ok(new Message("login successful"));
    }

    internal static async Task<Ok<Message>> LogoutAsync(HttpContext context)
    {
        await context.SignOutTenantUserAsync();
        return TypedResults.Ok(new Message("logout successful"));
    }

    internal static async Task<FileContentHttpResult> GetDataAsync(Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken)
    {
        await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT * FROM company_data", cancellationToken: cancellationToken);
        var body = await RowsJson.WriteAsync(reader, "data", cancellationToken);
        return TypedResults.Bytes(body, "application/json");
    }

    private static ProblemHttpResult WrongCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong username or password");
}
