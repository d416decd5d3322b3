namespace Sublet.Bench;

/// <summary>
/// Sublet.Server against one database: log in to every tenant, warm up, then wrk at each concurrency, a
/// check of responses for their own tenant's rows, and pgbench's ceiling with as many clients. The main
/// benchmark's measurement without its cost columns, for comparing one database server with another.
/// </summary>
internal static class ServerThroughput
{
    public static async Task<IReadOnlyList<ThroughputRow>> MeasureAsync(
        string serverDll, string connectionString, int tenants, IReadOnlyList<int> connections, int seconds, string directory, string pgbenchDirectory, CancellationToken cancellationToken)
    {
        await using var server = await BenchServer.StartAsync(serverDll, connectionString, cancellationToken);
        using var client = new Client(server.Port);
        var cookies = await client.LoginAllAsync(tenants, cancellationToken);
        var tenantsFile = Path.Combine(directory, $"tenants-{tenants}-{server.Port}.tsv");
        await File.WriteAllLinesAsync(tenantsFile, cookies.Select((cookie, i) => $"{Client.Host(i + 1, server.Port)}\t{cookie}"), cancellationToken);

        // As in the main benchmark: tiered JIT and dynamic PGO reach the steady state only after seconds of load.
        _ = await LoadTools.WrkAsync(server.Port, tenantsFile, connections[0], Math.Max(3, Math.Min(20, seconds * 2)), cancellationToken);
        var rows = new List<ThroughputRow>();
        foreach (var count in connections)
        {
            var wrk = await LoadTools.WrkAsync(server.Port, tenantsFile, count, seconds, cancellationToken);
            var (notOk, wrong) = await client.VerifyAsync(cookies, Math.Max(1_000, Math.Min(tenants, 20_000)), cancellationToken);
            var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
            var ceiling = await LoadTools.PgbenchAsync(pgbenchDirectory, database.Port, database.Password!, database.Database!, tenants, count, seconds, cancellationToken);
            rows.Add(new ThroughputRow(tenants, count, wrk, notOk, wrong, ceiling));
            Console.Error.WriteLine($"bench: {tenants:N0} tenants, {count} connections: {wrk.RequestsPerSecond:N0} req/s, p99 {wrk.P99Ms:F1} ms; pgbench {ceiling.TransactionsPerSecond:N0} tps");
        }

        return rows;
    }
}
