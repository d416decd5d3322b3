using Npgsql;
using Sublet.Tenancy;
using Sublet.Data;

namespace Sublet.Sharding;

/// <summary>Finds a shard's pool for callers that read the shard from the database rather than from the loaded catalog.</summary>
internal static class ShardLookup
{
    /// <summary>
    /// The pool of <paramref name="shard"/>; when the shard was added after this process loaded the catalog, the
    /// shards' connection strings are read again once first.
    /// </summary>
    public static async Task<NpgsqlDataSource> ForAsync(this ShardDataSources shards, string shard, ITenantCatalog catalog, CancellationToken cancellationToken)
    {
        try
        {
            return shards.For(shard);
        }
        catch (InvalidOperationException)
        {
            await catalog.ReloadShardsAsync(cancellationToken);
            return shards.For(shard);
        }
    }
}
