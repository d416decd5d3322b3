using Sublet.Core;
using Sublet.Data;
using Sublet.Tenancy;

namespace Sublet.Sharding;

/// <summary>Drains with the provisioner's placement rule (<see cref="CatalogStore.PickShardAsync"/>), so a drained tenant lands where a new one would.</summary>
internal sealed class ShardDrainer(ShardDataSources shards, ITenantCatalog catalog, ITenantMover mover) : IShardDrainer
{
    public async Task<int> MoveTenantsOffAsync(string shard, IProgress<TenantMoveReport>? moved = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(shard);
        await using (var central = await shards.Central.OpenConnectionAsync(cancellationToken))
        {
            switch (await CatalogStore.IsDrainingAsync(central, shard, cancellationToken))
            {
                case null:
                    throw new TenantProvisioningException(TenantProvisioningError.ShardNotFound, $"No shard '{shard}'.");
                case false:
                    throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"Shard '{shard}' is not draining: drain it first, so that no new tenant lands on it meanwhile.");
            }
        }

        await catalog.ReloadAsync(cancellationToken);
        var tenants = catalog.Tenants.Where(tenant => tenant.Shard == shard).Select(tenant => tenant.Slug).Order(StringComparer.Ordinal).ToList();
        foreach (var slug in tenants)
        {
            string target;
            await using (var central = await shards.Central.OpenConnectionAsync(cancellationToken))
            {
                target = await CatalogStore.PickShardAsync(central, null, null, cancellationToken)
                    ?? throw new TenantProvisioningException(TenantProvisioningError.InvalidShard, $"No other shard takes tenants: add one, or undrain one. {shard} is draining.");
            }

            moved?.Report(await mover.MoveAsync(slug, target, cancellationToken: cancellationToken));
        }

        return tenants.Count;
    }
}
