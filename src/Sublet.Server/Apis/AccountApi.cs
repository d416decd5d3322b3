using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sublet.Server.Apis;

/// <summary>The tenant page's view of its session: <c>GET /me</c>.</summary>
public static class AccountApi
{
    /// <summary>Maps the endpoints on every tenant's subdomain.</summary>
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        // 401 without a session for this tenant, so a reloaded page knows whether to show the login form.
        app.MapGet("/me", GetMe).RequireTenant().RequireAuthorization();
        return app;
    }

    internal static Ok<CurrentUser> GetMe(ClaimsPrincipal user) =>
        TypedResults.Ok(new CurrentUser(user.Identity?.Name ?? string.Empty));
}
