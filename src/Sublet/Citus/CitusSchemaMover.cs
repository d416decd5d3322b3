using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Sublet.Core;

namespace Sublet.Citus;

/// <summary>
/// A tenant move on a Citus cluster: <c>citus_schema_move</c> with logical replication (no write stall), then
/// <c>ANALYZE</c>, as moved tables come without planner statistics. The target is a worker's <c>host:port</c>.
/// </summary>
internal sealed class CitusSchemaMover(NpgsqlDataSource coordinator)
{
    public async Task<TenantMoveReport> MoveAsync(string slug, string targetNode, IProgress<TenantMoveStep>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var (host, port) = ParseNode(targetNode);
        var schema = await SchemaOfAsync(slug, cancellationToken);
        var quotedSchema = SqlIdentifier.Quote(schema);
        var from = await NodeOfAsync(quotedSchema, cancellationToken);

        progress?.Report(TenantMoveStep.CopyingRows);
        try
        {
            await using var move = coordinator.CreateCommand("SELECT citus_schema_move($1::regnamespace, $2, $3, 'force_logical')");
            move.Parameters.Add(new NpgsqlParameter { Value = quotedSchema });
            move.Parameters.Add(new NpgsqlParameter { Value = host });
            move.Parameters.Add(new NpgsqlParameter { Value = port });
            await move.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception)
        {
            throw new TenantProvisioningException(
                TenantProvisioningError.MoveFailed, $"Citus could not move tenant '{slug}' to {targetNode} ({exception.MessageText}); it stays on {from}.");
        }

        progress?.Report(TenantMoveStep.Switched);
        var tables = await TablesAsync(schema, cancellationToken);
        long rows = 0;
        foreach (var table in tables)
        {
            var qualified = $"{quotedSchema}.{SqlIdentifier.Quote(table)}";
            await using var analyze = coordinator.CreateCommand($"ANALYZE {qualified}");
            await analyze.ExecuteNonQueryAsync(cancellationToken);
            await using var count = coordinator.CreateCommand($"SELECT count(*) FROM {qualified}");
            rows += (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        // Citus fences nothing Sublet can time: with logical replication writes carry on throughout.
        return new TenantMoveReport(slug, from, $"{host}:{port}", tables.Count, rows, TimeSpan.Zero, total.Elapsed);
    }

    private static (string Host, int Port) ParseNode(string node)
    {
        var colon = node.LastIndexOf(':');
        return colon > 0 && int.TryParse(node.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (node[..colon], port)
            : throw new TenantProvisioningException(TenantProvisioningError.ShardNotFound, $"'{node}' is not a Citus worker: give it as host:port, as citus_get_active_worker_nodes() lists it.");
    }

    private async Task<string> SchemaOfAsync(string slug, CancellationToken cancellationToken)
    {
        await using var command = coordinator.CreateCommand("SELECT schema_name FROM sublet.tenant WHERE slug = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = slug });
        return await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new TenantProvisioningException(TenantProvisioningError.NotFound, $"No tenant '{slug}'.");
    }

    private async Task<string> NodeOfAsync(string quotedSchema, CancellationToken cancellationToken)
    {
        await using var command = coordinator.CreateCommand(
            """
            SELECT s.nodename || ':' || s.nodeport FROM citus_shards s JOIN citus_schemas c ON c.colocation_id = s.colocation_id
            WHERE c.schema_name = $1::regnamespace LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = quotedSchema });
        return await command.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new TenantProvisioningException(TenantProvisioningError.InvalidSchema, $"Schema {quotedSchema} is not a distributed schema: adopt it again to distribute it.");
    }

    private async Task<List<string>> TablesAsync(string schema, CancellationToken cancellationToken)
    {
        await using var command = coordinator.CreateCommand(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY 1");
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
