using Npgsql;
using Sublet.Embedded;

namespace Sublet.Bench;

/// <summary>
/// <c>bench/run --citus</c>: the same server against plain PostgreSQL and against a Citus coordinator with two
/// workers, both started here, at each tenant count in one run; then a large tenant's Citus move in each transfer
/// mode. See docs/benchmarks.md.
/// </summary>
internal static class CitusBench
{
    public static async Task<int> RunAsync(BenchOptions options, string serverDll, CancellationToken cancellationToken)
    {
        if (EmbeddedCitusCluster.MissingCitus(options.PostgresBin) is { } missing)
        {
            Console.Error.WriteLine($"bench: --citus needs Citus: {missing.TrimEnd('.')}.");
            return 1;
        }

        var directory = Path.Combine(Path.GetTempPath(), $"sublet-bench-citus-{Guid.NewGuid():N}");
        var plain = new EmbeddedPostgres(Path.Combine(directory, "plain"), new EmbeddedPostgresOptions { Durable = false, BinDirectory = options.PostgresBin });
        var citus = new EmbeddedCitusCluster(Path.Combine(directory, "citus"), options.PostgresBin);
        var pgbenchDirectory = options.PgbenchDirectory;
        var pairs = new List<(ThroughputRow Plain, ThroughputRow Citus)>();
        IReadOnlyList<CitusMoveRow> moves;
        string postgresVersion;
        string? citusVersion = null;
        try
        {
            Console.Error.WriteLine("bench: starting plain PostgreSQL, and a Citus coordinator with two workers");
            await Task.WhenAll(plain.StartAsync(cancellationToken), citus.StartAsync(cancellationToken));
            postgresVersion = await PostgresStats.ServerVersionAsync(plain.ConnectionStringFor("postgres"), cancellationToken);
            foreach (var tenants in options.TenantCounts)
            {
                Console.Error.WriteLine($"bench: creating {tenants:N0} tenants on plain PostgreSQL and on Citus");
                var plainDatabase = await BenchDatabase.CreateAsync(plain, tenants, cancellationToken);
                var citusDatabase = await BenchDatabase.CreateAsync(citus, tenants, cancellationToken);
                citusVersion ??= await CitusVersionAsync(citusDatabase, cancellationToken);
                Console.Error.WriteLine("bench: plain PostgreSQL");
                var plainRows = await ServerThroughput.MeasureAsync(serverDll, plainDatabase, tenants, options.Connections, options.DurationSeconds, directory, pgbenchDirectory, cancellationToken);
                Console.Error.WriteLine("bench: Citus");
                var citusRows = await ServerThroughput.MeasureAsync(serverDll, citusDatabase, tenants, options.Connections, options.DurationSeconds, directory, pgbenchDirectory, cancellationToken);
                pairs.AddRange(plainRows.Zip(citusRows));
            }

            moves = await CitusMoves.MeasureAsync(citus, options.MoveMegabytes, rounds: 2, cancellationToken);
        }
        finally
        {
            await Task.WhenAll(plain.DisposeAsync().AsTask(), citus.DisposeAsync().AsTask());
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        var markdown = CitusReport.Markdown(options, postgresVersion, citusVersion ?? "", pairs, moves);
        Console.WriteLine(markdown);
        if (options.WriteDocs)
        {
            Report.WriteDocs(markdown, "citus");
        }

        var failures = pairs.Sum(pair => pair.Plain.Failures + pair.Citus.Failures);
        if (failures > 0)
        {
            Console.Error.WriteLine($"bench: {failures} failed or wrong-tenant responses");
            return 1;
        }

        return 0;
    }

    /// <summary>Citus's release as the report names it: the second word of <c>citus_version()</c>.</summary>
    private static async Task<string> CitusVersionAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT split_part(pg_catalog.citus_version(), ' ', 2)");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
