namespace Sublet.Data;

/// <summary>How tenant requests share the connections to one PostgreSQL server, bound from <c>Sublet:Pool</c>.</summary>
public sealed class PoolOptions
{
    /// <summary>
    /// Partitions the connections for tenant queries are split into, each tenant always using the same one (by a
    /// hash of its schema name) and each holding the connection string's <c>Max Pool Size</c> divided by this
    /// number. A PostgreSQL backend caches the catalog entries of every schema it has touched; with partitions,
    /// each backend sees a fraction of the tenants, so there is less to cache and warm. The cost: one tenant can
    /// use at most its partition's share of the connections. 1 turns partitioning off.
    /// </summary>
    public int Partitions { get; set; } = 1;
}
