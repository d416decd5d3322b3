using Sublet.Data;
using Sublet.Tenancy;

namespace Sublet.Provisioning;

/// <summary>Creates tenants: catalog row, schema and every tenant migration in one transaction.</summary>
public interface ITenantProvisioner
{
    /// <summary>
    /// Creates tenant <paramref name="slug"/>. <paramref name="initialize"/>, if given, runs in the same
    /// transaction with the new schema selected (e.g. to add a first user); if anything fails, nothing remains.
    /// </summary>
    /// <exception cref="TenantProvisioningException">The slug is invalid, reserved or taken.</exception>
    Task<Tenant> CreateAsync(
        string slug,
        Func<TenantConnection, CancellationToken, Task>? initialize = null,
        CancellationToken cancellationToken = default);
}
