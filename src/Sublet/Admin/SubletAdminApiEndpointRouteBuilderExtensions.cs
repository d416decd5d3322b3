using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sublet.Admin;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the admin API.</summary>
public static class SubletAdminApiEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/api/tenants</c> on the central host (list, create, show, suspend, resume, delete; a tenant's custom domains, trusted as the operator's) for holders of
    /// <c>Sublet:AdminToken</c>, accepted over HTTPS or from loopback only unless <c>Sublet:AllowAdminTokenOverHttp</c>.
    /// Without a token nothing is mapped: the API does not exist (404). Needs <c>AddSublet().AddAdminApi()</c>.
    /// </summary>
    /// <returns>The group of the endpoints, or null when the API is off.</returns>
    public static RouteGroupBuilder? MapSubletAdminApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var options = endpoints.ServiceProvider.GetService<IOptions<AdminApiOptions>>()
            ?? throw new InvalidOperationException("MapSubletAdminApi needs the admin API's services: call AddSublet().AddAdminApi().");
        if (!options.Value.Enabled)
        {
            return null;
        }

        var tenants = endpoints.MapGroup("/api/tenants")
            .RequireCentralHost()
            .RequireAuthorization(AdminTokenAuthentication.Policy);
        tenants.MapGet("/", TenantsAdminEndpoints.ListAsync);
        tenants.MapPost("/", TenantsAdminEndpoints.CreateAsync);
        tenants.MapGet("/{slug}", TenantsAdminEndpoints.GetAsync);
        tenants.MapDelete("/{slug}", TenantsAdminEndpoints.DeleteAsync);
        tenants.MapPost("/{slug}/suspend", TenantsAdminEndpoints.SuspendAsync);
        tenants.MapPost("/{slug}/resume", TenantsAdminEndpoints.ResumeAsync);
        tenants.MapGet("/{slug}/domains", TenantDomainsAdminEndpoints.ListAsync);
        tenants.MapPost("/{slug}/domains", TenantDomainsAdminEndpoints.AddAsync);
        tenants.MapDelete("/{slug}/domains/{domain}", TenantDomainsAdminEndpoints.RemoveAsync);
        tenants.MapPost("/{slug}/domains/{domain}/primary", TenantDomainsAdminEndpoints.SetPrimaryAsync);
        return tenants;
    }
}
