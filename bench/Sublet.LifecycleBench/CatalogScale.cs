using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using System.Collections.Frozen;
using Npgsql;
using Sublet.Core;
using Sublet.Data;
using Sublet.Migrations;
using Sublet.Provisioning;
using Sublet.Tenancy;

namespace Sublet.LifecycleBench;

/// <summary>
/// What the in-memory catalog costs a serving process at N tenants: start-up, memory per tenant, one full read
/// (what every change cost before changes named their tenant), a lookup on the request path, and the time from a
/// create's commit to the tenant being routable on a second instance while creates go on at a steady rate.
/// </summary>
internal sealed record CatalogScale(
    double StartSeconds,
    double BytesPerTenant,
    double FullReadMs,
    double LookupNs,
    double FrozenLookupNs,
    IReadOnlyList<double> CreateMs,
    IReadOnlyList<double> PropagationMs,
    double ListFirstPageMs,
    double ListLastPageMs,
    double ListAllMs)
{
    private const int CreatesPerSecond = 10;
    private const int Lookups = 2_000_000;

    private delegate bool Lookup(ReadOnlySpan<char> slug, out Tenant? tenant);

    public static async Task<CatalogScale> MeasureAsync(
        string connectionString, MigrationSet set, int creates, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var watcher = await LifecycleHost.StartAsync(connectionString, set, cancellationToken, watchCatalog: true);
        var startSeconds = clock.Elapsed.TotalSeconds;
        var catalog = watcher.Services.GetRequiredService<ITenantCatalog>();
        var (bytesPerTenant, fullReadMs) = await MeasureCopyAsync(watcher.Services, catalog.Tenants.Count, cancellationToken);
        var lookupNs = MeasureLookups(catalog.TryGetTenant, catalog.Tenants);
        // What the catalog was before changes became incremental, for comparison on the same slugs.
        var frozen = catalog.Tenants.ToFrozenDictionary(tenant => tenant.Slug, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        var frozenLookupNs = MeasureLookups(frozen.TryGetValue, catalog.Tenants);

        using var creator = await LifecycleHost.StartAsync(connectionString, set, cancellationToken);
        var provisioner = creator.Services.GetRequiredService<ITenantProvisioner>();
        var propagation = new List<double>(creates);
        var createMs = new List<double>(creates);
        var period = TimeSpan.FromSeconds(1.0 / CreatesPerSecond);
        for (var i = 1; i <= creates; i++)
        {
            var due = Stopwatch.GetTimestamp() + (long)(period.TotalSeconds * Stopwatch.Frequency);
            var slug = $"p{i}";
            long committing = 0;
            // The last step inside the create's transaction: what follows is its commit.
            var started = Stopwatch.GetTimestamp();
            await provisioner.CreateAsync(slug, null, (_, _) => { committing = Stopwatch.GetTimestamp(); return Task.CompletedTask; }, cancellationToken);
            createMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            while (!catalog.TryGetTenant(slug, out _))
            {
                Thread.Sleep(1);
            }

            propagation.Add(Stopwatch.GetElapsedTime(committing).TotalMilliseconds);
            var left = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (left > TimeSpan.Zero)
            {
                await Task.Delay(left, cancellationToken);
            }
        }

        // `tenants list`: its first page of 100, a page at the far end, and everything.
        var lifecycle = creator.Services.GetRequiredService<ITenantLifecycle>();
        var last = catalog.Tenants.Max(tenant => tenant.Slug)!;
        var firstPageMs = await TimeAsync(() => lifecycle.ListAsync(new TenantListQuery { Limit = 100 }, cancellationToken));
        var lastPageMs = await TimeAsync(() => lifecycle.ListAsync(new TenantListQuery { After = last[..^1], Limit = 100 }, cancellationToken));
        var allMs = await TimeAsync(() => lifecycle.ListAsync(cancellationToken));

        await creator.StopAsync(cancellationToken);
        await watcher.StopAsync(cancellationToken);
        return new CatalogScale(startSeconds, bytesPerTenant, fullReadMs, lookupNs, frozenLookupNs, createMs, propagation, firstPageMs, lastPageMs, allMs);
    }

    /// <summary>The second of two runs: the first warms the plan and the pages.</summary>
    private static async Task<double> TimeAsync(Func<Task<IReadOnlyList<TenantInfo>>> list)
    {
        _ = await list();
        var clock = Stopwatch.StartNew();
        var tenants = await list();
        return tenants.Count > 0 ? clock.Elapsed.TotalMilliseconds : throw new InvalidOperationException("The tenant list came back empty.");
    }

    /// <summary>A second catalog read whole: the managed heap it holds per tenant, and how long the read took.</summary>
    private static async Task<(double BytesPerTenant, double ReadMs)> MeasureCopyAsync(IServiceProvider services, int tenants, CancellationToken cancellationToken)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var copy = new TenantCatalog(services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<ShardDataSources>());
        var clock = Stopwatch.StartNew();
        await copy.ReloadAsync(cancellationToken);
        var readMs = clock.Elapsed.TotalMilliseconds;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(copy);
        return (tenants == 0 ? 0 : (after - before) / (double)tenants, readMs);
    }

    /// <summary>The request path's lookup, by a span as the host header yields it, over every tenant in turn.</summary>
    private static double MeasureLookups(Lookup lookup, IReadOnlyCollection<Tenant> tenants)
    {
        var hosts = tenants.Select(tenant => tenant.Slug.ToCharArray()).ToArray();
        var found = 0;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Lookups; i++)
        {
            if (lookup(hosts[i % hosts.Length], out _))
            {
                found++;
            }
        }

        var ns = clock.Elapsed.TotalNanoseconds / Lookups;
        return found == Lookups ? ns : throw new InvalidOperationException($"{Lookups - found} lookups missed.");
    }
}
