using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Sublet.Sessions;

/// <summary>
/// Rejects a session cookie on any host but its own tenant's, even when replayed by hand, and answers API
/// challenges with a status code instead of a redirect to a login page.
/// </summary>
internal sealed class TenantBoundCookieEvents : CookieAuthenticationEvents
{
    public override Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var issuedFor = context.Principal?.FindFirst(SubletDefaults.TenantClaimType)?.Value;
        var current = context.HttpContext.GetTenant()?.Slug;
        if (issuedFor is null || !string.Equals(issuedFor, current, StringComparison.Ordinal))
        {
            context.RejectPrincipal();
        }

        return Task.CompletedTask;
    }

    public override Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }
}
