using System.Security.Claims;
using Sublet.Hosting;
using Sublet.Sessions;

namespace Microsoft.AspNetCore.Http;

/// <summary>Starts and ends tenant-bound sessions.</summary>
public static class HttpContextSignInExtensions
{
    /// <summary>Signs <paramref name="userName"/> in to the request's tenant; the cookie works on the host it was issued on only (the tenant's subdomain, or the one custom domain). A new session id is issued every time, and the session the request came with ends.</summary>
    public static Task SignInTenantUserAsync(this HttpContext context, string userName, IEnumerable<Claim>? claims = null)
    {
        var tenant = context.GetRequiredTenant();
        var identity = new ClaimsIdentity(SubletDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, userName));
        identity.AddClaim(new Claim(SubletDefaults.TenantClaimType, tenant.Slug));
        if (context.Features.Get<SubletRequest>()?.CustomDomain is { } domain)
        {
            identity.AddClaim(new Claim(SubletDefaults.DomainClaimType, domain));
        }
        if (claims is not null)
        {
            identity.AddClaims(claims);
        }

        return SessionRotation.SignInWithNewSessionAsync(context, SubletDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Ends the request's tenant session and clears its cookie.</summary>
    public static Task SignOutTenantUserAsync(this HttpContext context) =>
        Authentication.AuthenticationHttpContextExtensions.SignOutAsync(context, SubletDefaults.AuthenticationScheme);
}
