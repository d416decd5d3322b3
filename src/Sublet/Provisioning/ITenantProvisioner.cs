using Sublet.Data;
using Sublet.Core;

namespace Sublet.Provisioning;

/// <summary>Creates tenants: catalog row, schema and every tenant migration, all or nothing.</summary>
public interface ITenantProvisioner
{
    /// <summary>
    /// Creates tenant <paramref name="slug"/> on the shard with the fewest tenants. <paramref name="initialize"/>,
    /// if given, runs in the schema's transaction with the new schema selected (e.g. to add a first user); if
    /// anything fails, nothing remains.
    /// </summary>
    /// <exception cref="TenantProvisioningException">The slug is invalid, reserved or taken.</exception>
    Task<Tenant> CreateAsync(
        string slug,
        Func<TenantConnection, CancellationToken, Task>? initialize = null,
        CancellationToken cancellationToken = default) =>
        CreateAsync(slug, shard: null, initialize, cancellationToken);

    /// <summary>
    /// Creates tenant <paramref name="slug"/> on <paramref name="shard"/>, or on the non-draining shard with the
    /// fewest tenants when it is <see langword="null"/>.
    /// </summary>
    /// <exception cref="TenantProvisioningException">The slug is invalid, reserved or taken, or the shard unknown or draining.</exception>
    Task<Tenant> CreateAsync(
        string slug,
        string? shard,
        Func<TenantConnection, CancellationToken, Task>? initialize = null,
        CancellationToken cancellationToken = default);
}
