using System.Globalization;
using Npgsql;
using Sublet.Citus;
using Sublet.Embedded;

namespace Sublet.Bench;

/// <summary>
/// The write stall of a Citus move by transfer mode: one tenant's <c>company_data</c> filled to the size asked,
/// then moved between the two workers by the library's own Citus move, alternately with <c>force_logical</c>
/// (what <c>sublet tenants move</c> uses) and <c>block_writes</c>, each reporting the longest a write waited.
/// </summary>
internal static class CitusMoves
{
    private const string Tenant = "t1";
    private const int RowsPerInsert = 100_000;

    public static async Task<IReadOnlyList<CitusMoveRow>> MeasureAsync(EmbeddedCitusCluster citus, int megabytes, int rounds, CancellationToken cancellationToken)
    {
        var connectionString = await BenchDatabase.CreateAsync(citus, 1, cancellationToken);
        await using var coordinator = NpgsqlDataSource.Create(connectionString);
        var size = await FillAsync(coordinator, megabytes, cancellationToken);
        // Named worker 1 and 2 in the report: their ports change with every run.
        var workers = citus.Workers.Select(worker => $"127.0.0.1:{worker.Port.ToString(CultureInfo.InvariantCulture)}").ToList();
        string Name(string node) => $"worker {workers.IndexOf(node) + 1}";
        var moves = new List<CitusMoveRow>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var mode in new[] { CitusTransferMode.ForceLogical, CitusTransferMode.BlockWrites })
            {
                // A move leaves the old placement to Citus's deferred clean-up, which a move back would run into.
                await using (var cleanup = coordinator.CreateCommand("CALL pg_catalog.citus_cleanup_orphaned_resources()"))
                {
                    await cleanup.ExecuteNonQueryAsync(cancellationToken);
                }

                var from = await CitusPlacement.NodeOfAsync(coordinator, Tenant, cancellationToken) ?? throw new InvalidOperationException($"{Tenant} has no placement.");
                var to = workers.First(worker => worker != from);
                var name = mode == CitusTransferMode.BlockWrites ? "block_writes" : "force_logical";
                Console.Error.WriteLine($"bench: moving a {size:N0} MB tenant {from} → {to} with {name}");
                var report = await new CitusSchemaMover(coordinator, mode).MoveAsync(Tenant, to, null, cancellationToken);
                Console.Error.WriteLine($"bench: writes held for {report.Fenced.TotalMilliseconds:N0} ms, move took {report.Total.TotalSeconds:N1} s");
                moves.Add(new CitusMoveRow(name, Name(report.From), Name(report.To), size, report.Rows, report.Fenced, report.Total));
            }
        }

        return moves;
    }

    /// <summary>Adds rows to the tenant's company_data until its table, indexes and TOAST reach <paramref name="megabytes"/>; returns its size in MB.</summary>
    private static async Task<double> FillAsync(NpgsqlDataSource coordinator, int megabytes, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"bench: filling {Tenant} to {megabytes:N0} MB");
        var next = 4;
        while (true)
        {
            await using var size = coordinator.CreateCommand($"SELECT pg_catalog.citus_total_relation_size('{Tenant}.company_data')");
            var bytes = (long)(await size.ExecuteScalarAsync(cancellationToken))!;
            if (bytes >= megabytes * 1024L * 1024L)
            {
                return bytes / 1024.0 / 1024.0;
            }

            await using var insert = coordinator.CreateCommand(
                $"INSERT INTO {Tenant}.company_data (description) SELECT 'tenant 1 row ' || k || ' ' || repeat('x', 80) FROM generate_series($1, $2) k");
            insert.Parameters.Add(new NpgsqlParameter { Value = next });
            insert.Parameters.Add(new NpgsqlParameter { Value = next + RowsPerInsert - 1 });
            await insert.ExecuteNonQueryAsync(cancellationToken);
            next += RowsPerInsert;
        }
    }
}
