using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Core;

namespace Sublet.Domains;

/// <summary>
/// Looks pending domains' TXT records up again every <c>Sublet:Domains:VerificationInterval</c>, so a tenant who
/// publishes the record later need not come back to ask. Only in serving processes (<c>WatchCatalog</c>).
/// </summary>
internal sealed class DomainVerification(
    NpgsqlDataSource central,
    TenantDomains domains,
    DnsTxtLookup dns,
    IOptions<SubletOptions> options,
    IOptions<DomainOptions> domainOptions,
    ILogger<DomainVerification> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WatchCatalog)
        {
            return;
        }

        using var timer = new PeriodicTimer(domainOptions.Value.VerificationInterval);
        do
        {
            try
            {
                await CheckPendingAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException or DomainException)
            {
                Log.VerificationRoundFailed(logger, exception.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task CheckPendingAsync(CancellationToken cancellationToken)
    {
        foreach (var pending in await CatalogStore.PendingDomainsAsync(central, BatchSize, cancellationToken))
        {
            if (await dns.HoldsTokenAsync(pending, pending.VerificationToken!, cancellationToken))
            {
                if (await domains.ActivateAsync(pending, cancellationToken) is not null)
                {
                    Log.DomainVerified(logger, pending.Domain, pending.Tenant);
                }
            }
            else
            {
                await CatalogStore.MarkDomainCheckedAsync(central, pending.Domain, cancellationToken);
            }
        }
    }
}
