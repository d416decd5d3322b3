using Sublet.Core;

namespace Sublet.Sharding;

/// <summary>Moves a tenant's schema to another shard while the tenant stays online.</summary>
public interface ITenantMover
{
    /// <summary>
    /// Copies the schema's tables to <paramref name="targetShard"/> with logical replication, fences the tenant's
    /// writes for the last moment of catch-up (a lock it cannot have within <see cref="TenantMoveOptions.FenceLockWait"/>
    /// is let go and tried again later), checks row counts, switches the catalog and, once every server routes to
    /// the target, drops the source schema. Writes during the fence wait, or get 503 with <c>Retry-After</c>; none
    /// is lost. Reads go on throughout. On any failure the tenant stays on its shard, fully working, and what the
    /// move made is removed, replication slots on the source included.
    /// </summary>
    /// <exception cref="TenantProvisioningException">No such tenant or shard, a table without a primary key, or a failed step.</exception>
    Task<TenantMoveReport> MoveAsync(string slug, string targetShard, IProgress<TenantMoveStep>? progress = null, CancellationToken cancellationToken = default);
}
