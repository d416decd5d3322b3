using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Sublet.Tenancy;
using Sublet.Data;

namespace Sublet.Reliability;

/// <summary>Ready when the tenant catalog has been loaded and the database answers a query (at most a second ago).</summary>
internal sealed class SubletReadinessCheck(ITenantCatalog catalog, ShardDataSources shards, ReadinessCache cache) : IHealthCheck
{
    public const string Name = "sublet";

    /// <summary>Bounds the check itself, below a probe's usual timeout, so a hung database reads as not ready.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        catalog is TenantCatalog { IsLoaded: false }
            ? Task.FromResult(HealthCheckResult.Unhealthy("The tenant catalog has not been loaded yet."))
            : cache.GetAsync(QueryDatabaseAsync, cancellationToken);

    private async Task<HealthCheckResult> QueryDatabaseAsync(CancellationToken cancellationToken)
    {
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
