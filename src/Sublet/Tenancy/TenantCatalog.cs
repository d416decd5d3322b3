using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Npgsql;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Tenancy;

/// <summary>
/// The catalog table in memory. Readers look tenants up without locking. A change replaces only the entries it
/// names, one indexed read each, so its cost does not grow with the number of tenants; the whole table is read at
/// start and after the change listener reconnects, into a fresh map swapped in whole.
/// </summary>
internal sealed class TenantCatalog(NpgsqlDataSource dataSource, ShardDataSources shards) : ITenantCatalog, IDisposable
{
    // One change at a time, read and apply together: otherwise a read taken before a change could be applied after
    // the read that saw it, leaving a stale entry until the next change.
    private readonly SemaphoreSlim _changing = new(1, 1);

    private volatile ConcurrentDictionary<string, Tenant> _tenants = new(StringComparer.OrdinalIgnoreCase);

    // Enumerating a ConcurrentDictionary takes no lock (unlike its Values), and the copy is the caller's to keep.
    public IReadOnlyCollection<Tenant> Tenants => _tenants.Select(pair => pair.Value).ToArray();

    /// <summary>Whether a reload has succeeded: before that, every host would look unknown.</summary>
    public bool IsLoaded { get; private set; }

    public bool TryGetTenant(ReadOnlySpan<char> slug, [NotNullWhen(true)] out Tenant? tenant) =>
        _tenants.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(slug, out tenant);

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _changing.WaitAsync(cancellationToken);
        try
        {
            var (tenants, connectionStrings) = await CatalogStore.LoadAsync(dataSource, cancellationToken);
            shards.Publish(connectionStrings);
            _tenants = new ConcurrentDictionary<string, Tenant>(tenants, StringComparer.OrdinalIgnoreCase);
            IsLoaded = true;
        }
        finally
        {
            _changing.Release();
        }
    }

    public async Task ReloadTenantsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default)
    {
        await _changing.WaitAsync(cancellationToken);
        try
        {
            var rows = await CatalogStore.LoadTenantsAsync(dataSource, [.. slugs], cancellationToken);
            // A tenant placed on a shard added since the last read: its connection string first, then the tenant.
            if (rows.Exists(tenant => !shards.IsKnown(tenant.Shard)))
            {
                shards.Publish(await CatalogStore.LoadConnectionStringsAsync(dataSource, cancellationToken));
            }

            // Rows first, removals after: an entry that stays is replaced in place and never missing in between.
            var tenants = _tenants;
            foreach (var tenant in rows)
            {
                tenants[tenant.Slug] = tenant;
            }

            var found = rows.Select(tenant => tenant.Slug).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var slug in slugs.Where(slug => !found.Contains(slug)))
            {
                tenants.TryRemove(slug, out _);
            }
        }
        finally
        {
            _changing.Release();
        }
    }

    public async Task ReloadShardsAsync(CancellationToken cancellationToken = default)
    {
        await _changing.WaitAsync(cancellationToken);
        try
        {
            shards.Publish(await CatalogStore.LoadConnectionStringsAsync(dataSource, cancellationToken));
        }
        finally
        {
            _changing.Release();
        }
    }

    public void Dispose() => _changing.Dispose();
}
