using Microsoft.Extensions.Logging;
using Sublet.Core;

namespace Sublet.Tenancy;

/// <summary>
/// Applies the catalog table's notifications (central migration 0008) to the in-memory catalog: each names a
/// tenant (<c>tenant:&lt;slug&gt;</c>), the shard table (<c>shard</c>) or everything (<c>*</c>, after a truncate).
/// </summary>
internal sealed class CatalogChangeHandler(ITenantCatalog catalog, ILogger<CatalogChangeHandler> logger) : IChangeNotificationHandler
{
    public const string TenantPrefix = "tenant:";

    // Beyond this many tenants in one wake-up (a bulk import), one full read is cheaper than a read per tenant.
    public const int MostTenantsReadOneByOne = 1000;

    public string Channel => "sublet_catalog";

    // Changes made while no one was listening (start-up, a reconnect) are picked up here.
    public Task OnListeningAsync(CancellationToken cancellationToken) => catalog.ReloadAsync(cancellationToken);

    public async Task OnNotifiedAsync(IReadOnlyList<string> payloads, CancellationToken cancellationToken)
    {
        var slugs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var shardsChanged = false;
        foreach (var payload in payloads)
        {
            if (payload.StartsWith(TenantPrefix, StringComparison.Ordinal))
            {
                slugs.Add(payload[TenantPrefix.Length..]);
            }
            else if (payload == "shard")
            {
                shardsChanged = true;
            }
            else
            {
                // '*', or a payload this version does not know: read everything rather than miss a change.
                slugs.Clear();
                break;
            }
        }

        if (slugs.Count == 0 && !shardsChanged || slugs.Count > MostTenantsReadOneByOne)
        {
            await catalog.ReloadAsync(cancellationToken);
            Log.CatalogReloadedOnNotification(logger, payloads.Count);
            return;
        }

        // Shards first: a tenant named in the same wake-up may already live on a shard added just before it.
        if (shardsChanged)
        {
            await catalog.ReloadShardsAsync(cancellationToken);
        }

        if (slugs.Count > 0)
        {
            await catalog.ReloadTenantsAsync(slugs, cancellationToken);
        }

        Log.CatalogChangesApplied(logger, slugs.Count, shardsChanged);
    }

    // The catalog keeps serving its last snapshot: routing must not stop because the listener did.
    public void OnDisconnected()
    {
    }
}
