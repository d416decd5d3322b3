using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Npgsql;
using Sublet.Data;
using Sublet.Hosting;
using Sublet.Reliability;

namespace Sublet.Sharding;

/// <summary>
/// One pooled data source per shard, never per tenant. The default shard is the central data source itself;
/// the others are built on first use from the connection strings the catalog last published.
/// </summary>
internal sealed class ShardDataSources(NpgsqlDataSource central, SubletConnection centralConnection, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ShardPool> _pools = new(StringComparer.Ordinal);

    private volatile FrozenDictionary<string, string> _connectionStrings = FrozenDictionary<string, string>.Empty;

    public NpgsqlDataSource Central => central;

    /// <summary>The pool of <paramref name="shard"/>.</summary>
    public NpgsqlDataSource For(string shard)
    {
        if (shard == ShardNames.Default)
        {
            return central;
        }

        if (_pools.TryGetValue(shard, out var pool))
        {
            return pool.DataSource;
        }

        var connectionString = ConnectionStringFor(shard);
        return _pools.GetOrAdd(shard, _ => new ShardPool(connectionString, DataSourceFactory.Create(connectionString, loggerFactory))).DataSource;
    }

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

    /// <summary>Empties every pool: after a lost connection, idle ones to the same server are likely dead too.</summary>
    public void ClearAll()
    {
        central.Clear();
        foreach (var pool in _pools.Values)
        {
            pool.DataSource.Clear();
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
                _ = DisposeLaterAsync(pool.DataSource);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var pool in _pools.Values)
        {
            await pool.DataSource.DisposeAsync();
        }

        _pools.Clear();
    }

    private static async Task DisposeLaterAsync(NpgsqlDataSource dataSource)
    {
        // Long enough for a request that took a connection from it to finish.
        await Task.Delay(TimeSpan.FromSeconds(60));
        await dataSource.DisposeAsync();
    }

    private sealed record ShardPool(string ConnectionString, NpgsqlDataSource DataSource);
}
