using Sublet.Core;
namespace Sublet.Tenancy;

/// <summary>The tenant catalog, held in memory so that resolving a host costs no database round trip.</summary>
public interface ITenantCatalog
{
    /// <summary>Every tenant known at the last load.</summary>
    IReadOnlyCollection<Tenant> Tenants { get; }

    /// <summary>Looks a tenant up by slug, case-insensitively, without allocating.</summary>
    bool TryGetTenant(ReadOnlySpan<char> slug, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Tenant? tenant);

    /// <summary>Reads the catalog table again and swaps the in-memory copy.</summary>
    Task ReloadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads only the rows of <paramref name="slugs"/> again and applies them: a slug with no row any more (deleted,
    /// renamed away) is dropped. Its cost follows the number of slugs, not the size of the catalog.
    /// </summary>
    Task ReloadTenantsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default) => ReloadAsync(cancellationToken);

    /// <summary>Reads the shards' connection strings again, after a change to the shard table.</summary>
    Task ReloadShardsAsync(CancellationToken cancellationToken = default) => ReloadAsync(cancellationToken);
}
