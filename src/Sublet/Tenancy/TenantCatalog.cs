using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using Npgsql;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Tenancy;

/// <summary>An immutable snapshot of the catalog table, replaced whole on reload so readers never lock.</summary>
internal sealed class TenantCatalog(NpgsqlDataSource dataSource, ShardDataSources shards) : ITenantCatalog, IDisposable
{
    // One reload at a time, read and publish together: otherwise a reload that read the table before a change
    // could publish after the reload that saw it, leaving a stale catalog until the next change.
    private readonly SemaphoreSlim _reloading = new(1, 1);

    private volatile FrozenDictionary<string, Tenant> _tenants =
        FrozenDictionary<string, Tenant>.Empty.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<Tenant> Tenants => _tenants.Values;

    /// <summary>Whether a reload has succeeded: before that, every host would look unknown.</summary>
    public bool IsLoaded { get; private set; }

    public bool TryGetTenant(ReadOnlySpan<char> slug, [NotNullWhen(true)] out Tenant? tenant) =>
        _tenants.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(slug, out tenant);

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _reloading.WaitAsync(cancellationToken);
        try
        {
            _tenants = await ReadAsync(cancellationToken);
            IsLoaded = true;
        }
        finally
        {
            _reloading.Release();
        }
    }

    public void Dispose() => _reloading.Dispose();

    private async Task<FrozenDictionary<string, Tenant>> ReadAsync(CancellationToken cancellationToken)
    {
        var (tenants, connectionStrings) = await CatalogStore.LoadAsync(dataSource, cancellationToken);
        shards.Publish(connectionStrings);
        return tenants.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}
