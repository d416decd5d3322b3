using Microsoft.Extensions.Logging;
using Sublet.Core;

namespace Sublet.Tenancy;

/// <summary>Reloads the in-memory catalog when the catalog table's trigger (central migration 0002) notifies.</summary>
internal sealed class CatalogChangeHandler(ITenantCatalog catalog, ILogger<CatalogChangeHandler> logger) : IChangeNotificationHandler
{
    public string Channel => "sublet_catalog";

    // Changes made while no one was listening (start-up, a reconnect) are picked up here.
    public Task OnListeningAsync(CancellationToken cancellationToken) => catalog.ReloadAsync(cancellationToken);

    // One reload covers any number of notifications.
    public async Task OnNotifiedAsync(IReadOnlyList<string> payloads, CancellationToken cancellationToken)
    {
        await catalog.ReloadAsync(cancellationToken);
        Log.CatalogReloadedOnNotification(logger, catalog.Tenants.Count);
    }

    // The catalog keeps serving its last snapshot: routing must not stop because the listener did.
    public void OnDisconnected()
    {
    }
}
