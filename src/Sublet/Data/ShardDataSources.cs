using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Core;

namespace Sublet.Data;

/// <summary>
/// Pooled data sources per shard, never per tenant. For Sublet's own work (catalog, sessions, migrations) the
/// default shard is the central data source itself, and the others are built on first use from the connection
/// strings the catalog last published. Tenant queries go through <see cref="ForTenant"/>: pools of their own
/// per shard, whose connections the lease resets, in partitions with tenant affinity (<see cref="PoolOptions.Partitions"/>).
/// In a serving process each shard's pools are watched (<see cref="ShardConnectionWatch"/>) and emptied when its server goes away.
/// </summary>
internal sealed class ShardDataSources(
    NpgsqlDataSource central,
    CentralDatabase centralConnection,
    IOptions<SubletOptions> options,
    IOptions<PoolOptions> poolOptions,
    ILoggerFactory loggerFactory,
    IEnumerable<DataSourceConfiguration> configurations) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ShardPool> _pools = new(StringComparer.Ordinal);

    private readonly int? _partitions = poolOptions.Value.Partitions;

    private readonly bool _watch = options.Value.WatchCatalog;

    private readonly ILogger _logger = loggerFactory.CreateLogger<ShardDataSources>();

    private readonly Lazy<PartitionedDataSource> _centralTenants = new(
        () => DataSourceFactory.CreateTenantPools(centralConnection.ConnectionString, poolOptions.Value.Partitions, loggerFactory, configurations));

    private volatile FrozenDictionary<string, string> _connectionStrings = FrozenDictionary<string, string>.Empty;

    public NpgsqlDataSource Central => central;

    /// <summary>The pool of <paramref name="shard"/>.</summary>
    public NpgsqlDataSource For(string shard)
    {
        return shard == ShardNames.Default ? central : PoolFor(shard).DataSource;
    }

    /// <summary>The tenant-query pools of <paramref name="tenant"/>'s shard.</summary>
    public PartitionedDataSource ForTenant(Tenant tenant) =>
        tenant.Shard == ShardNames.Default ? _centralTenants.Value : PoolFor(tenant.Shard).Tenants.Value;

    /// <summary>The connection string of <paramref name="shard"/>, password included and Sublet's timeouts applied, for tools such as pg_dump.</summary>
    public string ConnectionStringFor(string shard)
    {
        if (shard == ShardNames.Default)
        {
            return centralConnection.ConnectionString;
        }

        // The catalog's foreign key keeps tenants on known shards: a miss means a load older than the caller's data.
        return _connectionStrings.TryGetValue(shard, out var connectionString)
            ? connectionString
            : throw new InvalidOperationException($"Shard '{shard}' is not in the loaded catalog.");
    }

    /// <summary>Whether the loaded catalog has <paramref name="shard"/>'s connection string (the default shard needs none).</summary>
    public bool IsKnown(string shard) => shard == ShardNames.Default || _connectionStrings.ContainsKey(shard);

    /// <summary>The shards of the loaded catalog, the default one included.</summary>
    public IEnumerable<string> Names => _connectionStrings.Keys.Prepend(ShardNames.Default).Distinct(StringComparer.Ordinal);

    /// <summary>Empties the pools of <paramref name="shard"/>: after a lost connection, idle ones to the same server are likely dead too.</summary>
    public void Clear(string shard)
    {
        if (shard == ShardNames.Default)
        {
            central.Clear();
            if (_centralTenants.IsValueCreated)
            {
                _centralTenants.Value.Clear();
            }
        }
        else if (_pools.TryGetValue(shard, out var pool))
        {
            pool.Clear();
        }
    }

    /// <summary>Empties every pool: after a lost connection, idle ones to the same server are likely dead too.</summary>
    public void ClearAll()
    {
        Clear(ShardNames.Default);
        foreach (var pool in _pools.Values)
        {
            pool.Clear();
        }
    }

    /// <summary>Takes the shards' connection strings from a catalog load; a changed string gets a fresh pool.</summary>
    public void Publish(IReadOnlyDictionary<string, string> connectionStrings)
    {
        var applied = connectionStrings.ToFrozenDictionary(
            pair => pair.Key, pair => ConnectionDefaults.Apply(pair.Value), StringComparer.Ordinal);
        _connectionStrings = applied;
        foreach (var (name, pool) in _pools)
        {
            if ((!applied.TryGetValue(name, out var connectionString) || connectionString != pool.ConnectionString)
                && _pools.TryRemove(KeyValuePair.Create(name, pool)))
            {
                // In-flight commands keep their connections; new ones go to the new pool (or fail: shard removed).
                _ = DisposeLaterAsync(pool);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values)
        {
            await pool.DisposeAsync();
        }

        _pools.Clear();
        if (_centralTenants.IsValueCreated)
        {
            await _centralTenants.Value.DisposeAsync();
        }
    }

    private static async Task DisposeLaterAsync(ShardPool pool)
    {
        // Long enough for a request that took a connection from it to finish.
        await Task.Delay(TimeSpan.FromSeconds(60));
        await pool.DisposeAsync();
    }

    private ShardPool PoolFor(string shard)
    {
        if (_pools.TryGetValue(shard, out var pool))
        {
            return pool;
        }

        var connectionString = ConnectionStringFor(shard);
        var created = new ShardPool(
            connectionString,
            DataSourceFactory.Create(connectionString, loggerFactory, configurations),
            new Lazy<PartitionedDataSource>(() => DataSourceFactory.CreateTenantPools(connectionString, _partitions, loggerFactory, configurations)));
        var added = _pools.GetOrAdd(shard, created);
        if (added == created)
        {
            if (_watch)
            {
                created.Watch = new ShardConnectionWatch(shard, connectionString, created.Clear, _logger);
            }
        }
        else
        {
            _ = created.DisposeAsync().AsTask();
        }

        return added;
    }

    /// <summary>A shard's pool for maintenance work, and its pools for tenant queries.</summary>
    private sealed record ShardPool(string ConnectionString, NpgsqlDataSource DataSource, Lazy<PartitionedDataSource> Tenants) : IAsyncDisposable
    {
        public ShardConnectionWatch? Watch { get; set; }

        public void Clear()
        {
            DataSource.Clear();
            if (Tenants.IsValueCreated)
            {
                Tenants.Value.Clear();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Watch is not null)
            {
                await Watch.DisposeAsync();
            }

            await DataSource.DisposeAsync();
            if (Tenants.IsValueCreated)
            {
                await Tenants.Value.DisposeAsync();
            }
        }
    }
}
