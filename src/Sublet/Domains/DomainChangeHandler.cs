using Microsoft.Extensions.Logging;
using Sublet.Core;

namespace Sublet.Domains;

/// <summary>Applies custom domain changes as <c>tenant_domain</c>'s trigger (central migration 0007) names their tenants.</summary>
internal sealed class DomainChangeHandler(DomainMap map, ILogger<DomainChangeHandler> logger) : IChangeNotificationHandler
{
    public string Channel => "sublet_domain";

    // Changes made while no one was listening (start-up, a reconnect): only a full read can catch those.
    public Task OnListeningAsync(CancellationToken cancellationToken) => map.ReloadAsync(cancellationToken);

    public async Task OnNotifiedAsync(IReadOnlyList<string> payloads, CancellationToken cancellationToken)
    {
        if (payloads.Contains(string.Empty))
        {
            await map.ReloadAsync(cancellationToken);
            return;
        }

        var slugs = payloads.Distinct(StringComparer.Ordinal).ToList();
        await map.ReloadTenantsAsync(slugs, cancellationToken);
        Log.DomainsReloaded(logger, slugs.Count);
    }

    // The map keeps serving its last state: routing must not stop because the listener did.
    public void OnDisconnected()
    {
    }
}
