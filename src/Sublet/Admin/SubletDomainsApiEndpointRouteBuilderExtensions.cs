using Microsoft.AspNetCore.Routing;
using Sublet.Admin;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps a tenant's own custom-domain API.</summary>
public static class SubletDomainsApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api/domains</c> on every tenant's host for its signed-in users: list, claim, verify and remove the
    /// tenant's custom domains. A claimed domain stays pending until the TXT record <c>_sublet.&lt;domain&gt;</c> holds
    /// its token; then it routes to the tenant.
    /// </summary>
    /// <returns>The group of the endpoints.</returns>
    public static RouteGroupBuilder MapSubletDomainsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var domains = endpoints.MapGroup("/api/domains").RequireTenant().RequireAuthorization();
        domains.MapGet("/", TenantOwnDomainsEndpoints.ListAsync);
        domains.MapPost("/", TenantOwnDomainsEndpoints.ClaimAsync);
        domains.MapPost("/{domain}/verify", TenantOwnDomainsEndpoints.VerifyAsync);
        domains.MapDelete("/{domain}", TenantOwnDomainsEndpoints.RemoveAsync);
        return domains;
    }
}
