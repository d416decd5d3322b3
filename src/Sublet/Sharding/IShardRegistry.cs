using Sublet.Core;

namespace Sublet.Sharding;

/// <summary>The PostgreSQL servers tenants live on: adding them, listing them and draining them.</summary>
public interface IShardRegistry
{
    /// <summary>Every shard, with its tenant count and size; an unreachable shard is listed with its error.</summary>
    Task<IReadOnlyList<ShardInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Registers a shard after checking it: a valid name, a connection string that connects, PostgreSQL 15 or
    /// later, and the right to create schemas in its database.
    /// </summary>
    /// <exception cref="TenantProvisioningException">The name is invalid or taken, or the server unusable.</exception>
    Task<ShardInfo> AddAsync(string name, string connectionString, CancellationToken cancellationToken = default);

    /// <summary>Keeps new tenants off <paramref name="name"/> (or lets them back on); tenants already there stay.</summary>
    /// <exception cref="TenantProvisioningException">No such shard.</exception>
    Task<ShardInfo> SetDrainingAsync(string name, bool draining, CancellationToken cancellationToken = default);

    /// <summary>Forgets a shard that holds no tenants; its database is left as it is.</summary>
    /// <exception cref="TenantProvisioningException">No such shard, it is the default one, or it still holds tenants.</exception>
    Task RemoveAsync(string name, CancellationToken cancellationToken = default);
}
