using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Sublet.Core;

namespace Sublet.Citus;

/// <summary>
/// A tenant move on a Citus cluster: <c>citus_schema_move</c> with logical replication, then <c>ANALYZE</c>, as
/// moved tables come without planner statistics. Citus holds the schema's writes for its final switch; a probe
/// times that stall for the report. The target is a worker's <c>host:port</c> exactly as <c>pg_dist_node</c> has it.
/// The benchmark also moves with <see cref="CitusTransferMode.BlockWrites"/>, to compare the stalls.
/// </summary>
internal sealed class CitusSchemaMover(NpgsqlDataSource coordinator, CitusTransferMode transferMode = CitusTransferMode.ForceLogical)
{
    public async Task<TenantMoveReport> MoveAsync(string slug, string targetNode, IProgress<TenantMoveStep>? progress, CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        var (host, port) = ParseNode(targetNode);
        var schema = await SchemaOfAsync(slug, cancellationToken);
        var quotedSchema = SqlIdentifier.Quote(schema);
        var from = await CitusPlacement.NodeOfAsync(coordinator, schema, cancellationToken)
            ?? throw new TenantProvisioningException(TenantProvisioningError.InvalidSchema, $"Schema {quotedSchema} is not a distributed schema with tables: adopt it again to distribute it.");
        await CheckTargetAsync(slug, from, host, port, cancellationToken);
        await CheckSourceCommitsAreWrittenAsync(slug, from, cancellationToken);
        var tables = await TablesAsync(schema, cancellationToken);

        progress?.Report(TenantMoveStep.CopyingRows);
        TimeSpan stall;
        await using (var probe = CitusWriteProbe.Start(coordinator, tables.Count == 0 ? null : $"{quotedSchema}.{SqlIdentifier.Quote(tables[0])}"))
        {
            try
            {
                await using var move = coordinator.CreateCommand("SELECT pg_catalog.citus_schema_move($1::regnamespace, $2, $3, $4::citus.shard_transfer_mode)");
                move.Parameters.Add(new NpgsqlParameter { Value = quotedSchema });
                move.Parameters.Add(new NpgsqlParameter { Value = host });
                move.Parameters.Add(new NpgsqlParameter { Value = port });
                move.Parameters.Add(new NpgsqlParameter { Value = transferMode == CitusTransferMode.BlockWrites ? "block_writes" : "force_logical" });
                // A move copies the whole tenant and takes as long as that takes; the pool's command timeout is for requests.
                move.CommandTimeout = 0;
                await move.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (PostgresException exception)
            {
                throw new TenantProvisioningException(
                    TenantProvisioningError.MoveFailed, $"Citus could not move tenant '{slug}' to {targetNode} ({exception.MessageText}); it stays on {from}.");
            }

            stall = probe is null ? TimeSpan.Zero : await probe.StopAsync();
        }

        progress?.Report(TenantMoveStep.Switched);
        long rows = 0;
        foreach (var table in tables)
        {
            var qualified = $"{quotedSchema}.{SqlIdentifier.Quote(table)}";
            await using var analyze = coordinator.CreateCommand($"ANALYZE {qualified}");
            await analyze.ExecuteNonQueryAsync(cancellationToken);
            await using var count = coordinator.CreateCommand($"SELECT count(*) FROM {qualified}");
            rows += (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        return new TenantMoveReport(slug, from, $"{host}:{port}", tables.Count, rows, stall, total.Elapsed);
    }

    private static (string Host, int Port) ParseNode(string node)
    {
        var colon = node.LastIndexOf(':');
        return colon > 0 && int.TryParse(node.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? (node[..colon], port)
            : throw new TenantProvisioningException(TenantProvisioningError.ShardNotFound, $"'{node}' is not a Citus worker: give it as host:port, as citus_get_active_worker_nodes() lists it.");
    }

    /// <summary>Refuses, before anything starts, a target Citus would refuse: not an active worker as spelled, or where the tenant already is.</summary>
    private async Task CheckTargetAsync(string slug, string from, string host, int port, CancellationToken cancellationToken)
    {
        var workers = new List<string>();
        await using (var command = coordinator.CreateCommand(
            "SELECT nodename || ':' || nodeport FROM pg_catalog.pg_dist_node WHERE noderole = 'primary' AND isactive AND (groupid <> 0 OR shouldhaveshards) ORDER BY 1"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                workers.Add(reader.GetString(0));
            }
        }

        var target = $"{host}:{port}";
        if (!workers.Contains(target, StringComparer.Ordinal))
        {
            throw new TenantProvisioningException(
                TenantProvisioningError.ShardNotFound,
                $"No Citus worker {target}: name one exactly as pg_dist_node does ({(workers.Count == 0 ? "none is active" : string.Join(", ", workers))}).");
        }

        if (target == from)
        {
            throw new TenantProvisioningException(TenantProvisioningError.MoveFailed, $"Tenant '{slug}' is already on {target}.");
        }
    }

    /// <summary>
    /// Refuses a move from a worker whose commits are asynchronous: Citus ends a move once the target has replayed
    /// the source's WAL <em>write</em> position, which an asynchronously committed, already acknowledged write may not
    /// have reached yet, so that write would stay behind on the old node.
    /// </summary>
    private async Task CheckSourceCommitsAreWrittenAsync(string slug, string from, CancellationToken cancellationToken)
    {
        await using var command = coordinator.CreateCommand(
            "SELECT result FROM pg_catalog.run_command_on_workers('SHOW synchronous_commit') WHERE nodename || ':' || nodeport = $1 AND success");
        command.Parameters.Add(new NpgsqlParameter { Value = from });
        if (await command.ExecuteScalarAsync(cancellationToken) is "off")
        {
            throw new TenantProvisioningException(
                TenantProvisioningError.MoveFailed,
                $"Tenant '{slug}' stays on {from}: its synchronous_commit is off there, and Citus could finish the move before a write it "
                + "already acknowledged reached the new node. Set synchronous_commit to on (or local) on that worker for the move.");
        }
    }

    private async Task<string> SchemaOfAsync(string slug, CancellationToken cancellationToken)
    {
        return await CatalogStore.SchemaOfAsync(coordinator, slug, cancellationToken)
            ?? throw TenantProvisioningException.NoTenant(slug);
    }

    private async Task<List<string>> TablesAsync(string schema, CancellationToken cancellationToken)
    {
        await using var command = coordinator.CreateCommand(
            "SELECT c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY 1");
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
