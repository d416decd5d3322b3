using Sublet.Tenancy;

namespace Sublet.Data;

/// <summary>Opens connections scoped to one tenant's schema.</summary>
public interface ITenantDatabase
{
    /// <summary>Opens a pooled connection and begins a transaction whose <c>search_path</c> is the tenant's schema.</summary>
    Task<TenantConnection> OpenAsync(Tenant tenant, CancellationToken cancellationToken = default);
}
