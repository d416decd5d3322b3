using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Sublet.Login;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the tenant login endpoints.</summary>
public static class SubletLoginEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST /login</c> (form fields <c>uname</c> and <c>passwd</c>, or JSON <c>{"username", "password"}</c>;
    /// bodies over 16 KiB, malformed or of another type are 413, 400 or 415) and <c>POST /logout</c> on every
    /// tenant's host, checking users against <see cref="Sublet.Users.ITenantUserStore"/>. Needs
    /// <c>AddTenantSessions()</c>.
    /// </summary>
    /// <returns>The group both endpoints are in, for further conventions.</returns>
    public static RouteGroupBuilder MapSubletLogin(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var tenant = endpoints.MapGroup(string.Empty).RequireTenant();
        tenant.MapPost("/login", LoginEndpoints.LoginAsync)
            .WithMetadata(new RequestSizeLimitAttribute(LoginEndpoints.MaxLoginBodyBytes))
            .DisableAntiforgery();
        // The cast keeps the typed result: a bare (HttpContext) => Task<T> would bind as a RequestDelegate.
        tenant.MapPost("/logout", (Delegate)LoginEndpoints.LogoutAsync).RequireAuthorization();
        return tenant;
    }
}
