using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Sublet.Tenancy;
using Sublet.Data;

namespace Sublet.Reliability;

/// <summary>Ready when the tenant catalog has been loaded and the database answers a query.</summary>
internal sealed class SubletReadinessCheck(ITenantCatalog catalog, ShardDataSources shards) : IHealthCheck
{
    public const string Name = "sublet";

    /// <summary>Bounds the check itself, below a probe's usual timeout, so a hung database reads as not ready.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (catalog is TenantCatalog { IsLoaded: false })
        {
            return HealthCheckResult.Unhealthy("The tenant catalog has not been loaded yet.");
        }

        try
        {
            await using var command = shards.Central.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (NpgsqlException exception)
        {
            if (DatabaseOutage.Classify(exception) == DatabaseFailure.ConnectionLost)
            {
                // As for requests: dead idle connections, the tenant connections' among them, would otherwise fail
                // the first checks and requests after recovery.
                shards.ClearAll();
            }

            return HealthCheckResult.Unhealthy("The database cannot be reached.", exception);
        }
    }
}
