using Sublet.Bench;
using Sublet.Embedded;
using Sublet.Testing;

// The request-path benchmark: Sublet.Server (Release) under wrk against pgbench running the same SQL,
// in one run on one machine, so the ratio means something. See docs/benchmarks.md.
var options = BenchOptions.Parse(args);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var cancellationToken = cancellation.Token;

var serverDll = Path.GetFullPath(Environment.GetEnvironmentVariable("SUBLET_SERVER_DLL") ?? "src/Sublet.Server/bin/Release/net10.0/Sublet.Server.dll");
if (!File.Exists(serverDll))
{
    Console.Error.WriteLine($"bench: {serverDll} not found: build the server in Release first (bench/run does).");
    return 1;
}

if (options.Citus)
{
    return await CitusBench.RunAsync(options, serverDll, cancellationToken);
}

var clusterDirectory = Path.Combine(Path.GetTempPath(), $"sublet-bench-{Guid.NewGuid():N}");
var cluster = new EmbeddedPostgres(clusterDirectory, new EmbeddedPostgresOptions { Durable = false, BinDirectory = options.PostgresBin });
if (options.Soak)
{
    return await RunSoakAsync(options, serverDll, cluster, clusterDirectory, cancellationToken);
}

var rows = new List<ResultRow>();
var logins = new List<(int, double)>();
var series = new List<(int Tenants, int Connections, string Variant, IReadOnlyList<double> RequestsPerSecond)>();
var pgbenchDirectory = options.PgbenchDirectory;
var postgresVersion = "";
var minimal = new List<(int Connections, LoadTools.WrkResult Result)>();
var efCore = EfCoreRun.None;
try
{
    await cluster.StartAsync(cancellationToken);
    postgresVersion = await PostgresStats.ServerVersionAsync(cluster.ConnectionStringFor("postgres"), cancellationToken);
    foreach (var tenants in options.TenantCounts)
    {
        Console.Error.WriteLine($"bench: creating {tenants:N0} tenants");
        var connectionString = await BenchDatabase.CreateAsync(cluster, tenants, cancellationToken);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        foreach (var variant in options.Variants)
        {
            await MeasureVariantAsync(tenants, connectionString, database, variant, variant == options.Variants[0]);
        }

        if (tenants == options.TenantCounts[0])
        {
            minimal = await TenancyTax.MeasureAsync(connectionString, options, clusterDirectory, cancellationToken);
            efCore = await EfCoreVariant.MeasureAsync(connectionString, tenants, options, clusterDirectory, cancellationToken);
        }
    }
}
finally
{
    await cluster.DisposeAsync();
    try
    {
        Directory.Delete(clusterDirectory, recursive: true);
    }
    catch (IOException)
    {
    }
}

// One server configuration against the database of one tenant count: log in, warm up, measure each concurrency.
async Task MeasureVariantAsync(int tenants, string connectionString, string database, BenchVariant variant, bool measureLogins)
{
    if (variant.Label.Length > 0)
    {
        Console.Error.WriteLine($"bench: variant {variant.Label}");
    }

    await using var server = await BenchServer.StartAsync(
        serverDll, connectionString + options.NpgsqlSettings + variant.Npgsql, variant.Environment, cancellationToken, [.. options.ServerSettings ?? [], .. variant.ServerSettings]);
    using var client = new Client(server.Port);

    Console.Error.WriteLine($"bench: logging in to {tenants:N0} tenants");
    var cookies = await client.LoginAllAsync(tenants, cancellationToken);
    var tenantsFile = Path.Combine(clusterDirectory, $"tenants-{tenants}.tsv");
    await File.WriteAllLinesAsync(tenantsFile, cookies.Select((cookie, i) => $"{Client.Host(i + 1, server.Port)}\t{cookie}"), cancellationToken);

    // Warm up before anything is measured: the server reaches its steady state only after tiered JIT and
    // dynamic PGO have recompiled the hot path, which takes some seconds of load (a 3 s warm-up measured
    // under half the steady rate), and the pool and plan caches fill.
    _ = await LoadTools.WrkAsync(server.Port, tenantsFile, options.Connections[0], Math.Max(3, Math.Min(20, options.DurationSeconds * 2)), cancellationToken);
    if (measureLogins)
    {
        logins.Add((tenants, await client.LoginRateAsync(TimeSpan.FromSeconds(Math.Max(2, options.DurationSeconds / 2)), 2, cancellationToken)));
    }

    foreach (var connections in options.Connections)
    {
        Console.Error.WriteLine($"bench: {tenants:N0} tenants, {connections} connections");
        var (sublet, cpu) = await MeasureAsync(server, tenantsFile, database, connections);
        Console.Error.WriteLine($"bench: {sublet.RequestsPerSecond:N0} req/s, CPU per request: server {cpu.ServerMs:F2} ms, PostgreSQL {cpu.PostgresMs:F2} ms");
        if (options.Series > 1)
        {
            // The row keeps the last interval; every interval is listed under the table.
            var intervals = new List<double> { sublet.RequestsPerSecond };
            for (var i = 1; i < options.Series; i++)
            {
                (sublet, cpu) = await MeasureAsync(server, tenantsFile, database, connections);
                intervals.Add(sublet.RequestsPerSecond);
                Console.Error.WriteLine($"bench: interval {i + 1}: {sublet.RequestsPerSecond:N0} req/s, CPU per request: server {cpu.ServerMs:F2} ms, PostgreSQL {cpu.PostgresMs:F2} ms");
            }

            series.Add((tenants, connections, variant.Label, intervals));
        }

        var (backends, pss) = await PostgresStats.BackendsAsync(cluster.ConnectionStringFor("postgres"), database, cancellationToken);
        var rss = server.ResidentMegabytes();
        var (notOk, wrong) = await client.VerifyAsync(cookies, Math.Max(1_000, Math.Min(tenants, 20_000)), cancellationToken);
        var ceiling = await LoadTools.PgbenchAsync(pgbenchDirectory, cluster.Port, ClusterPassword(cluster), database, tenants, connections, options.DurationSeconds, cancellationToken);
        rows.Add(new ResultRow(tenants, connections, sublet, ceiling, wrong, notOk, rss, backends, pss, variant.Label, cpu));
    }
}

// One wrk run, with the CPU time the server and the database's backends spent on it.
async Task<(LoadTools.WrkResult Result, CpuPerRequest Cpu)> MeasureAsync(ServerProcess server, string tenantsFile, string database, int connections)
{
    var postgres = cluster.ConnectionStringFor("postgres");
    var serverBefore = CpuTime.Seconds(server.ProcessId);
    var backendsBefore = CpuTime.Snapshot(await PostgresStats.BackendPidsAsync(postgres, database, cancellationToken));
    var result = await LoadTools.WrkAsync(server.Port, tenantsFile, connections, options.DurationSeconds, cancellationToken);
    var serverSpent = CpuTime.Seconds(server.ProcessId) - serverBefore;
    var backendsSpent = CpuTime.Spent(backendsBefore, CpuTime.Snapshot(await PostgresStats.BackendPidsAsync(postgres, database, cancellationToken)));
    var requests = Math.Max(1, result.Requests);
    return (result, new CpuPerRequest(serverSpent * 1000 / requests, backendsSpent * 1000 / requests));
}

var markdown = Report.Markdown(options, postgresVersion, rows, logins, series) + TenancyTax.Markdown(rows, minimal) + EfCoreVariant.Markdown(rows, efCore);
Console.WriteLine(markdown);
if (options.WriteDocs)
{
    await Chart.WriteAsync(Report.WriteDocs(markdown), rows, cancellationToken);
}

// Any failed or wrong-tenant response fails the run, so the CI smoke cannot pass on a broken server.
var failures = rows.Sum(row => row.Sublet.NotOk + row.Sublet.SocketErrors + row.VerifiedNotOk + row.VerifiedWrongTenant)
    + minimal.Sum(run => run.Result.NotOk + run.Result.SocketErrors)
    + efCore.Failures;
if (failures > 0)
{
    Console.Error.WriteLine($"bench: {failures} failed or wrong-tenant responses");
    return 1;
}

return 0;

static async Task<int> RunSoakAsync(BenchOptions options, string serverDll, EmbeddedPostgres cluster, string clusterDirectory, CancellationToken cancellationToken)
{
    var tenants = options.TenantCounts[0];
    SoakResult result;
    try
    {
        await cluster.StartAsync(cancellationToken);
        Console.Error.WriteLine($"bench: soak with {tenants} tenants for {options.DurationSeconds} s");
        var connectionString = await BenchDatabase.CreateAsync(cluster, tenants, cancellationToken);
        var adminToken = Soak.NewAdminToken();
        await using var server = await BenchServer.StartAsync(serverDll, connectionString, cancellationToken, $"--Sublet:AdminToken={adminToken}");
        using var soak = new Soak(cluster, connectionString, server, adminToken, tenants);
        result = await soak.RunAsync(TimeSpan.FromSeconds(options.DurationSeconds), cancellationToken);
    }
    finally
    {
        await cluster.DisposeAsync();
        try
        {
            Directory.Delete(clusterDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    var markdown = SoakReport.Markdown(options, tenants, result);
    Console.WriteLine(markdown);
    if (options.WriteDocs)
    {
        SoakReport.WriteDocs(markdown);
    }

    if (!result.Passed)
    {
        Console.Error.WriteLine($"bench: soak failed: {result.Tally.Failures} unexpected, {result.Tally.WrongTenant} wrong-tenant, {result.Other5xx} non-503 5xx responses");
        return 1;
    }

    return 0;
}

static string ClusterPassword(EmbeddedPostgres cluster) =>
    new Npgsql.NpgsqlConnectionStringBuilder(cluster.ConnectionString).Password!;
