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
}
