using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using Npgsql;
using Sublet.Core;

namespace Sublet.Domains;

/// <summary>
/// The active custom domains, held in memory so that routing a request by its host costs no database round trip.
/// Changed per tenant (a notification names the tenant whose domains changed), and read whole only at start and
/// after the listener reconnects.
/// </summary>
internal sealed class DomainMap(NpgsqlDataSource central) : IDisposable
{
    // One writer at a time, reading and publishing together: a slower read must not publish over a newer one.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ConcurrentDictionary<string, string> _tenantByDomain = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TenantRoutes> _byTenant = new(StringComparer.Ordinal);

    /// <summary>The slug of the tenant whose active domain <paramref name="host"/> is; no allocation.</summary>
    public bool TryGetTenant(ReadOnlySpan<char> host, [NotNullWhen(true)] out string? slug) =>
        _tenantByDomain.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(host, out slug);

    /// <summary>The tenant's primary domain, if it has one.</summary>
    public string? PrimaryOf(string slug) => _byTenant.TryGetValue(slug, out var routes) ? routes.Primary : null;

    /// <summary>How many active domains are mapped.</summary>
    public int Count => _tenantByDomain.Count;

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            var rows = await CatalogStore.ActiveDomainsAsync(central, null, cancellationToken);
            var fresh = rows.GroupBy(row => row.Tenant, StringComparer.Ordinal).ToDictionary(group => group.Key, Routes, StringComparer.Ordinal);
            foreach (var slug in _byTenant.Keys.Where(slug => !fresh.ContainsKey(slug)))
            {
                Publish(slug, TenantRoutes.None);
            }

            foreach (var (slug, routes) in fresh)
            {
                Publish(slug, routes);
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Reads the domains of these tenants only and replaces theirs.</summary>
    public async Task ReloadTenantsAsync(IReadOnlyCollection<string> slugs, CancellationToken cancellationToken = default)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            foreach (var slug in slugs)
            {
                var rows = await CatalogStore.ActiveDomainsAsync(central, slug, cancellationToken);
                Publish(slug, rows.Count == 0 ? TenantRoutes.None : Routes(rows));
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    public void Dispose() => _writing.Dispose();

    private static TenantRoutes Routes(IEnumerable<(string Domain, string Tenant, bool IsPrimary)> rows)
    {
        var list = rows.ToList();
        return new([.. list.Select(row => row.Domain)], list.FirstOrDefault(row => row.IsPrimary).Domain);
    }

    // New domains are added before old ones go, so a domain moving between two of a tenant's rows never gaps;
    // a domain now another tenant's is overwritten, not removed.
    private void Publish(string slug, TenantRoutes routes)
    {
        foreach (var domain in routes.Domains)
        {
            _tenantByDomain[domain] = slug;
        }

        if (_byTenant.TryGetValue(slug, out var old))
        {
            foreach (var domain in old.Domains.Except(routes.Domains, StringComparer.Ordinal))
            {
                _tenantByDomain.TryRemove(KeyValuePair.Create(domain, slug));
            }
        }

        if (routes.Domains.Length == 0)
        {
            _byTenant.TryRemove(slug, out _);
        }
        else
        {
            _byTenant[slug] = routes;
        }
    }

    private sealed record TenantRoutes(string[] Domains, string? Primary)
    {
        public static TenantRoutes None { get; } = new([], null);
    }
}
