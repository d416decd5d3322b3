using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sublet.Data;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Sharding;

/// <summary>The sharded server with two endpoints an app would have: write one row, read all rows, of the host's tenant.</summary>
public sealed class MoveServerFixture(PostgresCluster cluster, ShardClusters shardClusters) : ShardedServerFixture(cluster, shardClusters)
{
    protected override void Configure(WebApplication app)
    {
        app.MapPost("/test/notes", async (string text, Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var connection = await database.OpenAsync(tenant, cancellationToken);
            await using (var insert = connection.CreateCommand("INSERT INTO company_data (description) VALUES ($1)"))
            {
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = text });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await connection.CommitAsync(cancellationToken);
            return Results.Ok();
        }).RequireTenant();
        app.MapGet("/test/notes", async (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT description FROM company_data", cancellationToken: cancellationToken);
            var notes = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                notes.Add(reader.GetString(0));
            }

            return Results.Ok(notes);
        }).RequireTenant();
    }
}
