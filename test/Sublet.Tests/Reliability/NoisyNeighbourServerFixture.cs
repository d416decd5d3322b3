using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sublet.Data;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

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
        app.MapGet("/test/slow", SleepAsync).RequireTenant();
        app.MapGet("/test/quick", ReadRowsAsync).RequireTenant();
    }

    /// <summary>Holds a pooled connection for 200 ms of database time, as a heavy report would.</summary>
    private static async Task<IResult> SleepAsync(Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(tenant, cancellationToken);
        await using var command = connection.CreateCommand("SELECT pg_sleep(0.2)");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return Results.Ok();
    }

    /// <summary>What an ordinary page does: reads the tenant's rows in its schema and answers them as JSON.</summary>
    private static async Task<IResult> ReadRowsAsync(Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken)
    {
        await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT id, description FROM company_data ORDER BY id", cancellationToken: cancellationToken);
        var rows = new List<Row>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(reader.GetInt32(0), reader.GetString(1)));
        }

        return Results.Ok(rows);
    }

    private sealed record Row(int Id, string Description);
}
