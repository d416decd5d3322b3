using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Sublet.Hosting;

namespace Sublet.Sessions;

/// <summary>
/// Rejects a session cookie on any host but the one it was issued on (its tenant's subdomain or one custom domain), even when replayed by hand, and answers API
/// challenges with a status code instead of a redirect to a login page.
/// </summary>
internal sealed class TenantBoundCookieEvents : CookieAuthenticationEvents
{
    public override Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var issuedFor = context.Principal?.FindFirst(SubletDefaults.TenantClaimType)?.Value;
        var current = context.HttpContext.GetTenant()?.Slug;
        // The same tenant on another of its hosts is another site to the browser: a session stays where it began.
        var issuedOn = context.Principal?.FindFirst(SubletDefaults.DomainClaimType)?.Value;
        var currentDomain = context.HttpContext.Features.Get<SubletRequest>()?.CustomDomain;
        if (issuedFor is null || !string.Equals(issuedFor, current, StringComparison.Ordinal)
            || !string.Equals(issuedOn, currentDomain, StringComparison.Ordinal))
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
