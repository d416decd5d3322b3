using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Sublet.Embedded;
using Sublet.LifecycleBench;
using Sublet.Migrations;
using Sublet.Provisioning;
using Sublet.Server;

// The lifecycle benchmark: creating tenants one by one, migrating every tenant schema, and what many schemas
// cost PostgreSQL. See docs/benchmarks.md.
var options = LifecycleOptions.Parse(args);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };
var cancellationToken = cancellation.Token;

var baseSet = new TenantMigrations([new TenantMigrationSource(typeof(ServerApp).Assembly)]).Set;
var nextVersion = baseSet.LatestVersion + 1;
var nextSet = new MigrationSet([.. baseSet.Migrations, new Migration(nextVersion, $"{nextVersion:D4}_bench_note", "ALTER TABLE company_data ADD COLUMN bench_note text;\n")]);

// Other work on the machine skews every figure; the report says how busy it was.
var loadAverage = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
var clusterDirectory = Path.Combine(Path.GetTempPath(), $"sublet-lifecycle-{Guid.NewGuid():N}");
var cluster = new EmbeddedPostgres(clusterDirectory, new EmbeddedPostgresOptions { Durable = options.Durable });
LifecycleResult result;
try
{
    await cluster.StartAsync(cancellationToken);
    var version = await ScalarAsync<string>(cluster.ConnectionStringFor("postgres"), "SHOW server_version", cancellationToken);

    Console.Error.WriteLine($"lifecycle: creating {options.Creates:N0} tenants one by one");
    var createMs = await CreateOneByOneAsync(await CreateDatabaseAsync(cluster, "lifecycle_create", cancellationToken), baseSet, options.Creates, cancellationToken);

    var migrateDatabase = await CreateDatabaseAsync(cluster, "lifecycle_migrate", cancellationToken);
    double bulkSeconds, noOpBefore, migrateSeconds, noOpAfter;
    int migrated;
    using (var host = await LifecycleHost.StartAsync(migrateDatabase, baseSet, cancellationToken))
    {
        Console.Error.WriteLine($"lifecycle: bulk-creating {options.Tenants:N0} tenants at version {baseSet.LatestVersion}");
        var clock = Stopwatch.StartNew();
        await BulkTenants.CreateAsync(host.Services.GetRequiredService<NpgsqlDataSource>(), baseSet, options.Tenants, cancellationToken);
        bulkSeconds = clock.Elapsed.TotalSeconds;
        (noOpBefore, _) = await MigrateAsync(host, options, expected: 0, cancellationToken);
        await host.StopAsync(cancellationToken);
    }

    using (var host = await LifecycleHost.StartAsync(migrateDatabase, nextSet, cancellationToken))
    {
        Console.Error.WriteLine($"lifecycle: migrating {options.Tenants:N0} tenants to version {nextVersion}, parallel {options.Parallelism}");
        (migrateSeconds, migrated) = await MigrateAsync(host, options, expected: options.Tenants, cancellationToken);
        (noOpAfter, _) = await MigrateAsync(host, options, expected: 0, cancellationToken);
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        var columns = await ScalarAsync<long>(migrateDatabase, "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = 'company_data' AND a.attname = 'bench_note' AND NOT a.attisdropped", cancellationToken);
        if (columns != options.Tenants)
        {
            throw new InvalidOperationException($"{columns} of {options.Tenants} schemas have the new column.");
        }

        Console.Error.WriteLine("lifecycle: touching every tenant from one backend");
        var catalog = await CatalogStats.MeasureAsync(dataSource, cancellationToken);
        await host.StopAsync(cancellationToken);
        Console.Error.WriteLine($"lifecycle: a second instance's catalog at {options.Tenants:N0} tenants, {options.Propagations} creates at 10/s");
        var scale = await CatalogScale.MeasureAsync(migrateDatabase, nextSet, options.Propagations, cancellationToken);
        result = new LifecycleResult(version, loadAverage, createMs, bulkSeconds, noOpBefore, migrateSeconds, migrated, noOpAfter, catalog, scale);
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

var markdown = LifecycleReport.Markdown(options, result);
Console.WriteLine(markdown);
if (options.WriteDocs)
{
    LifecycleReport.WriteDocs(markdown);
}

return 0;

static async Task<string> CreateDatabaseAsync(EmbeddedPostgres cluster, string name, CancellationToken cancellationToken)
{
    await using var admin = NpgsqlDataSource.Create(cluster.ConnectionStringFor("postgres"));
    await using var create = admin.CreateCommand($"CREATE DATABASE {name}");
    await create.ExecuteNonQueryAsync(cancellationToken);
    return cluster.ConnectionStringFor(name);
}

static async Task<T> ScalarAsync<T>(string connectionString, string sql, CancellationToken cancellationToken)
{
    await using var dataSource = NpgsqlDataSource.Create(connectionString);
    await using var command = dataSource.CreateCommand(sql);
    return (T)(await command.ExecuteScalarAsync(cancellationToken))!;
}

static async Task<List<double>> CreateOneByOneAsync(string connectionString, MigrationSet set, int count, CancellationToken cancellationToken)
{
    using var host = await LifecycleHost.StartAsync(connectionString, set, cancellationToken);
    var provisioner = host.Services.GetRequiredService<ITenantProvisioner>();
    // Warm-up (JIT, pool, PostgreSQL's caches), not measured.
    for (var i = 1; i <= 10; i++)
    {
        await provisioner.CreateAsync($"warm{i}", cancellationToken: cancellationToken);
    }

    var timings = new List<double>(count);
    for (var i = 1; i <= count; i++)
    {
        var started = Stopwatch.GetTimestamp();
        await provisioner.CreateAsync($"c{i}", cancellationToken: cancellationToken);
        timings.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    await host.StopAsync(cancellationToken);
    return timings;
}

static async Task<(double Seconds, int Migrated)> MigrateAsync(IHost host, LifecycleOptions options, int expected, CancellationToken cancellationToken)
{
    var migrator = host.Services.GetRequiredService<ITenantMigrator>();
    var clock = Stopwatch.StartNew();
    var report = await migrator.MigrateAsync(new TenantMigrationRequest { Parallelism = options.Parallelism }, cancellationToken: cancellationToken);
    var seconds = clock.Elapsed.TotalSeconds;
    if (report.Failures.Count > 0 || report.Results.Count != expected)
    {
        throw new InvalidOperationException(
            $"migrate: {report.Results.Count} tenants migrated (expected {expected}), {report.Failures.Count} failed: {(report.Failures.Count > 0 ? report.Failures[0].Error : null)}");
    }

    return (seconds, report.Results.Count);
}
