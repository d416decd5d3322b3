using Sublet.Core;

namespace Sublet.Sharding;

/// <summary>Empties a draining shard by moving its tenants, online, to where new tenants go.</summary>
public interface IShardDrainer
{
    /// <summary>
    /// Moves each tenant of <paramref name="shard"/>, which must be draining, one at a time with
    /// <see cref="ITenantMover"/> to the shard a new tenant would be placed on (not draining, fewest tenants, the
    /// name breaking ties), reporting each move as it ends.
    /// </summary>
    /// <returns>The number of tenants moved.</returns>
    /// <exception cref="TenantProvisioningException">The shard is unknown or not draining, no other shard takes tenants, or a move failed (that tenant stays where it was).</exception>
    Task<int> MoveTenantsOffAsync(string shard, IProgress<TenantMoveReport>? moved = null, CancellationToken cancellationToken = default);
}
