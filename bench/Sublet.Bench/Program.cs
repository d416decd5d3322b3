using Sublet.Bench;
using Sublet.Embedded;

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

var clusterDirectory = Path.Combine(Path.GetTempPath(), $"sublet-bench-{Guid.NewGuid():N}");
var cluster = new EmbeddedPostgres(clusterDirectory, new EmbeddedPostgresOptions { Durable = false });
if (options.Soak)
{
    return await RunSoakAsync(options, serverDll, cluster, clusterDirectory, cancellationToken);
}

var rows = new List<ResultRow>();
var logins = new List<(int, double)>();
try
{
    await cluster.StartAsync(cancellationToken);
    var binDirectory = PostgresBinaries.Locate(null);
    foreach (var tenants in options.TenantCounts)
    {
        Console.Error.WriteLine($"bench: creating {tenants:N0} tenants");
        var connectionString = await BenchDatabase.CreateAsync(cluster, tenants, cancellationToken);
        var database = new Npgsql.NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var server = await ServerProcess.StartAsync(serverDll, connectionString, cancellationToken);
        using var client = new Client(server.Port);

        Console.Error.WriteLine($"bench: logging in to {tenants:N0} tenants");
        var cookies = await client.LoginAllAsync(tenants, cancellationToken);
        var tenantsFile = Path.Combine(clusterDirectory, $"tenants-{tenants}.tsv");
        await File.WriteAllLinesAsync(tenantsFile, cookies.Select((cookie, i) => $"{Client.Host(i + 1, server.Port)}\t{cookie}"), cancellationToken);

        // Warm up before anything is measured: the server reaches its steady state only after tiered JIT and
        // dynamic PGO have recompiled the hot path, which takes some seconds of load (a 3 s warm-up measured
        // under half the steady rate), and the pool and plan caches fill.
        _ = await LoadTools.WrkAsync(server.Port, tenantsFile, options.Connections[0], Math.Max(3, Math.Min(20, options.DurationSeconds * 2)), cancellationToken);
        logins.Add((tenants, await client.LoginRateAsync(TimeSpan.FromSeconds(Math.Max(2, options.DurationSeconds / 2)), 2, cancellationToken)));
        foreach (var connections in options.Connections)
        {
            Console.Error.WriteLine($"bench: {tenants:N0} tenants, {connections} connections");
            var sublet = await LoadTools.WrkAsync(server.Port, tenantsFile, connections, options.DurationSeconds, cancellationToken);
            var (backends, pss) = await PostgresStats.BackendsAsync(cluster.ConnectionStringFor("postgres"), database, cancellationToken);
            var rss = server.ResidentMegabytes();
            var (notOk, wrong) = await client.VerifyAsync(cookies, Math.Max(1_000, Math.Min(tenants, 20_000)), cancellationToken);
            var ceiling = await LoadTools.PgbenchAsync(binDirectory, cluster.Port, ClusterPassword(cluster), database, tenants, connections, options.DurationSeconds, cancellationToken);
            rows.Add(new ResultRow(tenants, connections, sublet, ceiling, wrong, notOk, rss, backends, pss));
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

var markdown = Report.Markdown(options, rows, logins);
Console.WriteLine(markdown);
if (options.WriteDocs)
{
    await Chart.WriteAsync(Report.WriteDocs(markdown), rows, cancellationToken);
}

// Any failed or wrong-tenant response fails the run, so the CI smoke cannot pass on a broken server.
var failures = rows.Sum(row => row.Sublet.NotOk + row.Sublet.SocketErrors + row.VerifiedNotOk + row.VerifiedWrongTenant);
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
        await using var server = await ServerProcess.StartAsync(serverDll, connectionString, cancellationToken, $"--Sublet:AdminToken={adminToken}");
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
