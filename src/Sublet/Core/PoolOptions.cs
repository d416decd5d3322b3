using System.ComponentModel.DataAnnotations;

namespace Sublet.Core;

/// <summary>How tenant requests share the connections to one PostgreSQL server, bound from <c>Sublet:Pool</c>.</summary>
public sealed class PoolOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:Pool";

    /// <summary>
    /// Partitions the connections for tenant queries are split into, each holding the connection string's
    /// <c>Max Pool Size</c> divided by this number; unset, one partition per connection. A tenant leases from its
    /// home partition (a hash of its schema name) while that has a free connection, else from the next one that
    /// has. A PostgreSQL backend caches the catalog entries of every schema it has touched; with this affinity,
    /// each backend sees a fraction of the tenants, so there is less to cache and warm. 1 turns affinity off
    /// (one pool shared by all tenants).
    /// </summary>
    [Range(1, int.MaxValue)]
    public int? Partitions { get; set; }
}
