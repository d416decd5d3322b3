using Sublet.Core;

namespace Microsoft.AspNetCore.Http;

/// <summary>Reads the tenant Sublet resolved for a request.</summary>
public static class HttpContextTenantExtensions
{
    /// <summary>The request's tenant, or null on the central host, a fixed subdomain or an unknown host.</summary>
    public static Tenant? GetTenant(this HttpContext context) => context.Features.Get<ITenantFeature>()?.Tenant;

    /// <summary>The request's tenant; throws when the endpoint was not marked <c>RequireTenant()</c>.</summary>
    public static Tenant GetRequiredTenant(this HttpContext context) =>
        context.GetTenant() ?? throw new InvalidOperationException("This request has no tenant: mark the endpoint with RequireTenant().");
}
