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
        if (user is not { } found)
        {
            hasher.VerifyNothing(password);
            metrics.LoginFailed(tenant, "credentials");
            return WrongCredentials();
        }

        var verification = hasher.Verify(password, found.PasswordHash);
        if (verification == PasswordVerification.Failed)
        {
            metrics.LoginFailed(tenant, "credentials");
            return WrongCredentials();
        }

        if (verification == PasswordVerification.SuccessRehashNeeded)
        {
            await AppUsers.SetPasswordHashAsync(database, tenant, found.Id, hasher.Hash(password), cancellationToken);
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
