using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sublet.Data;
using Sublet.Tenancy;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary>
/// A small pool and a small per-tenant limit, with a slow endpoint that holds a connection: enough requests
/// from one tenant would take every pooled connection if the limit did not stop them first.
/// </summary>
public sealed class NoisyNeighbourServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public const int PerTenantLimit = 4;

    protected override string ConnectionOptions => ";Maximum Pool Size=8;Timeout=10";

    protected override IEnumerable<string> Settings =>
    [
        $"Sublet:Limits:ConcurrentRequestsPerTenant={PerTenantLimit}",
        "Sublet:Limits:QueuedRequestsPerTenant=4",
    ];

    protected override void Configure(WebApplication app)
    {
        app.MapGet("/test/slow", (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
            QueryAsync(tenant, database, "SELECT pg_sleep(0.2)", cancellationToken)).RequireTenant();
        app.MapGet("/test/quick", (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
            QueryAsync(tenant, database, "SELECT 1", cancellationToken)).RequireTenant();
    }

    private static async Task<IResult> QueryAsync(Tenant tenant, ITenantDatabase database, string sql, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(tenant, cancellationToken);
        await using var command = connection.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return Results.Ok();
    }
}
