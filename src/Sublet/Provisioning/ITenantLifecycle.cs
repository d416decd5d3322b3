using Sublet.Core;

namespace Sublet.Provisioning;

/// <summary>
/// Everything after a tenant is created: reading the catalog, suspending, renaming, deleting, and adopting
/// schemas made outside Sublet. Each change is one transaction; running servers see it through the catalog's
/// change notifications.
/// </summary>
public interface ITenantLifecycle
{
    /// <summary>Every tenant, ordered by slug.</summary>
    Task<IReadOnlyList<TenantInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>One page of tenants matching <paramref name="query"/>, ordered by slug.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The limit is below 1.</exception>
    Task<IReadOnlyList<TenantInfo>> ListAsync(TenantListQuery query, CancellationToken cancellationToken = default);

    /// <summary>One tenant.</summary>
    /// <exception cref="TenantProvisioningException">No tenant has this slug.</exception>
    Task<TenantInfo> GetAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>Blocks the tenant's host (403) and ends its sessions, so resuming it does not bring them back; its data stays.</summary>
    Task<TenantInfo> SuspendAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>Serves a suspended tenant again.</summary>
    Task<TenantInfo> ResumeAsync(string slug, CancellationToken cancellationToken = default);

    /// <summary>Moves the tenant to a new subdomain and ends its sessions; the schema stays, the old host answers 404.</summary>
    /// <exception cref="TenantProvisioningException">The new slug is invalid, reserved or taken, or the old one is unknown.</exception>
    Task<TenantInfo> RenameAsync(string slug, string newSlug, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes the catalog row and the tenant's sessions and drops the schema with everything in it. With <paramref name="archivePath"/>,
    /// the schema is first written there with <c>pg_dump</c>; if that fails nothing is deleted.
    /// </summary>
    Task DeleteAsync(string slug, string? archivePath = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers the existing schema <paramref name="schemaName"/> as a tenant (slug from <paramref name="slug"/>
    /// or from the schema name, <c>_</c> → <c>-</c>), recording the tenant migrations whose objects it already has.
    /// The schema is looked for on <paramref name="shard"/> (the default shard when <see langword="null"/>).
    /// </summary>
    Task<TenantAdoption> AdoptAsync(string schemaName, string? slug = null, string? shard = null, CancellationToken cancellationToken = default);

    /// <summary>Schemas on <paramref name="shard"/> (the default shard when <see langword="null"/>) that no tenant owns and that could be adopted, ordered by name.</summary>
    Task<IReadOnlyList<string>> ListUnregisteredSchemasAsync(string? shard = null, CancellationToken cancellationToken = default);
}
