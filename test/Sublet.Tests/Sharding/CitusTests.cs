using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sublet.Citus;
using Sublet.Migrations;
using Sublet.Provisioning;
using Sublet.Data;
using Sublet.Tests.Infrastructure;
using Sublet.Tenancy;

namespace Sublet.Tests.Sharding;

/// <summary>
/// Tenants' lifecycle on a real Citus cluster (a coordinator and two workers): each test gets a database of its
/// own on every node, and checks each node itself rather than only what the coordinator says.
/// </summary>
public sealed class CitusTests(CitusCluster citus) : IAsyncLifetime
{
    private static readonly Migration Seed = new TenantMigrations([new TenantMigrationSource(typeof(Sublet.Server.ServerApp).Assembly)]).Set.Migrations[0];

    private CitusDatabase? _database;
    private SubletHost? _host;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private CitusDatabase Cluster => _database!;

    private SubletHost Host => _host!;

    public async ValueTask InitializeAsync()
    {
        if (citus.Unavailable is not null)
        {
            return;
        }

        _database = await citus.CreateDatabaseAsync(Token);
        _host = await SubletHost.StartAsync(_database.ConnectionString, Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_created_tenant_is_a_distributed_schema_on_a_worker_and_the_tool_lists_it_there()
    {
        citus.RequireCitus();
        foreach (var slug in new[] { "alpha", "bravo" })
        {
            var created = await RunAsync("tenants", "create", slug);
            Assert.True(created.ExitCode == 0, created.Error);
            Assert.Contains($"shard {await Cluster.WorkerHoldingAsync(slug)}", created.Output, StringComparison.Ordinal);
        }

        Assert.Equal(2, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM pg_dist_schema WHERE schemaid::regnamespace::text IN ('alpha', 'bravo')"));
        var alpha = await Cluster.WorkerHoldingAsync("alpha");
        var bravo = await Cluster.WorkerHoldingAsync("bravo");

        var tenants = JsonDocument.Parse((await RunAsync("tenants", "list", "--json")).Output).RootElement.EnumerateArray()
            .ToDictionary(tenant => tenant.GetProperty("slug").GetString()!, tenant => tenant.GetProperty("shard").GetString());
        Assert.Equal(alpha, tenants["alpha"]);
        Assert.Equal(bravo, tenants["bravo"]);
        Assert.Contains($"shard:             {alpha}", (await RunAsync("tenants", "show", "alpha")).Output, StringComparison.Ordinal);

        // Only the workers are listed, with the tenants each holds; the coordinator is no draining node.
        var nodes = JsonDocument.Parse((await RunAsync("shards", "list", "--json")).Output).RootElement.EnumerateArray()
            .ToDictionary(node => node.GetProperty("name").GetString()!, node => (node.GetProperty("tenants").GetInt64(), node.GetProperty("draining").GetBoolean()));
        Assert.Equal(Cluster.Workers.Keys.Order(StringComparer.Ordinal), nodes.Keys.Order(StringComparer.Ordinal));
        Assert.All(nodes.Values, node => Assert.False(node.Item2));
        Assert.Equal(2, nodes.Values.Sum(node => node.Item1));
        Assert.Equal(alpha == bravo ? 2 : 1, nodes[alpha].Item1);

        // The catalog is not distributed: Citus makes the schema on every node, its tables only on the coordinator.
        Assert.Equal(3, await Cluster.NodesWithSchemaAsync("sublet"));
        Assert.Equal(0, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid = 'sublet.tenant'::regclass"));
        foreach (var worker in Cluster.Workers.Values)
        {
            Assert.Equal(0, await Database.CountAsync(worker, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'sublet' AND c.relname LIKE 'tenant%'"));
        }

        var refused = await RunAsync("tenants", "create", "charlie", "--shard", alpha);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Citus places each new tenant on a worker", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_create_whose_migration_fails_leaves_nothing_on_any_node()
    {
        citus.RequireCitus();
        var failing = new TenantProvisioner(
            Host.Services.GetRequiredService<ShardDataSources>(),
            new TenantMigrations(new MigrationSet([Seed, new(2, "0002_broken", "ALTER TABLE company_data ADD COLUMN broken no_such_type;")])),
            Host.Services.GetRequiredService<ITenantCatalog>(),
            Host.Services.GetRequiredService<SlugRules>(),
            Host.Services.GetRequiredService<CitusMode>());

        await Assert.ThrowsAnyAsync<Exception>(() => failing.CreateAsync("doomed", shard: null, cancellationToken: Token));

        Assert.Equal(0, await Cluster.NodesWithSchemaAsync("doomed"));
        Assert.Equal(0, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM sublet.tenant WHERE slug = 'doomed'"));
        Assert.Equal(0, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'doomed.%'"));
    }

    [Fact]
    public async Task A_schema_made_before_Sublet_is_adopted_and_distributed_to_a_worker()
    {
        citus.RequireCitus();
        await MakeLocalSchemaAsync("legacy_one");

        var adopted = await RunAsync("tenants", "adopt", "legacy_one");

        Assert.True(adopted.ExitCode == 0, adopted.Error);
        Assert.Contains("Adopted schema legacy_one as tenant legacy-one", adopted.Output, StringComparison.Ordinal);
        Assert.Equal(1, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM pg_dist_schema WHERE schemaid = 'legacy_one'::regnamespace"));
        Assert.Contains(await Cluster.WorkerHoldingAsync("legacy_one"), Cluster.Workers.Keys);
        Assert.Equal(1, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM legacy_one.company_data"));
    }

    [Fact]
    public async Task Adopt_all_leaves_Citus_own_schemas_alone_and_reports_each_schema_even_after_one_fails()
    {
        citus.RequireCitus();
        await MakeLocalSchemaAsync("legacy_a");
        await MakeLocalSchemaAsync("legacy_z");

        // A foreign key into a local table of another schema: Citus cannot distribute this one.
        await Database.ExecuteAsync(Cluster.Coordinator, "CREATE TABLE public.countries (code text PRIMARY KEY)");
        await MakeLocalSchemaAsync("legacy_m", "CREATE TABLE legacy_m.address (id bigint PRIMARY KEY, country text REFERENCES public.countries (code));");
        Assert.True(await Database.SchemaExistsAsync(Cluster.Coordinator, "citus_internal"));

        var result = await RunAsync("tenants", "adopt", "--all");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 of 3 schemas could not be adopted", result.Error, StringComparison.Ordinal);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Adopted schema legacy_a as tenant legacy-a", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Skipped schema legacy_m: Citus could not distribute schema 'legacy_m'", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Adopted schema legacy_z as tenant legacy-z", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain("citus", result.Output.Replace("Citus could not", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(2, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM pg_dist_schema WHERE schemaid::regnamespace::text LIKE 'legacy_%'"));
        Assert.Equal(0, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM sublet.tenant WHERE schema_name = 'legacy_m'"));
    }

    [Fact]
    public async Task A_migration_adds_a_table_that_lands_on_the_tenant_s_worker()
    {
        citus.RequireCitus();
        await Host.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("growing", cancellationToken: Token);
        var worker = await Cluster.WorkerHoldingAsync("growing");
        var migrator = new TenantMigrator(
            Host.Services.GetRequiredService<ShardDataSources>(),
            new TenantMigrations(new MigrationSet([Seed, new(2, "0002_audit", "CREATE TABLE audit (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note text NOT NULL);")])),
            NullLogger<TenantMigrator>.Instance);

        var report = await migrator.MigrateAsync(new TenantMigrationRequest(), cancellationToken: Token);

        Assert.Empty(report.Failures);
        Assert.Equal(1, await Database.CountAsync(Cluster.Workers[worker], "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'growing' AND c.relname ~ '^audit_[0-9]+$'"));
        Assert.Equal(await Cluster.WorkerHoldingAsync("growing"), worker);
        Assert.Equal(1, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM pg_dist_partition p JOIN pg_dist_schema s ON s.colocationid = p.colocationid WHERE p.logicalrelid = 'growing.audit'::regclass"));
    }

    [Fact]
    public async Task Deleting_a_tenant_leaves_nothing_on_any_node()
    {
        citus.RequireCitus();
        Assert.Equal(0, (await RunAsync("tenants", "create", "short-lived")).ExitCode);
        Assert.Equal(3, await Cluster.NodesWithSchemaAsync("short_lived"));

        var deleted = await RunAsync("tenants", "delete", "short-lived");

        Assert.True(deleted.ExitCode == 0, deleted.Error);
        await Database.ExecuteAsync(Cluster.Coordinator, "CALL pg_catalog.citus_cleanup_orphaned_resources()");
        Assert.Equal(0, await Cluster.NodesWithSchemaAsync("short_lived"));
        Assert.Equal(0, await Database.CountAsync(Cluster.Coordinator, "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'short_lived.%'"));
    }

    [Fact]
    public async Task A_move_to_a_node_spelled_otherwise_than_pg_dist_node_is_refused_before_it_starts()
    {
        citus.RequireCitus();
        await Host.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("stay-put", cancellationToken: Token);
        var home = await Cluster.WorkerHoldingAsync("stay_put");
        var other = Cluster.Workers.Keys.Single(worker => worker != home);

        var misspelt = await RunAsync("tenants", "move", "stay-put", "--to", other.Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        var same = await RunAsync("tenants", "move", "stay-put", "--to", home);

        Assert.Equal((1, ""), (misspelt.ExitCode, misspelt.Output));
        Assert.Contains("name one exactly as pg_dist_node does", misspelt.Error, StringComparison.Ordinal);
        Assert.Contains(other, misspelt.Error, StringComparison.Ordinal);
        Assert.Equal((1, ""), (same.ExitCode, same.Output));
        Assert.Contains($"already on {home}", same.Error, StringComparison.Ordinal);
        Assert.Equal(home, await Cluster.WorkerHoldingAsync("stay_put"));
    }

    [Fact]
    public async Task A_move_from_a_worker_with_asynchronous_commits_is_refused_as_an_acknowledged_write_could_stay_behind()
    {
        citus.RequireCitus();
        await Host.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("async-home", cancellationToken: Token);
        var home = await Cluster.WorkerHoldingAsync("async_home");
        var other = Cluster.Workers.Keys.Single(worker => worker != home);
        const string SetOnWorker = "SET citus.enable_ddl_propagation TO off; DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET synchronous_commit = {0}', current_database()); END $$";
        await Database.ExecuteAsync(Cluster.Workers[home], string.Format(CultureInfo.InvariantCulture, SetOnWorker, "off"));

        var refused = await RunAsync("tenants", "move", "async-home", "--to", other);

        Assert.Equal((1, ""), (refused.ExitCode, refused.Output));
        Assert.Contains("synchronous_commit is off", refused.Error, StringComparison.Ordinal);
        Assert.Equal(home, await Cluster.WorkerHoldingAsync("async_home"));

        await Database.ExecuteAsync(Cluster.Workers[home], string.Format(CultureInfo.InvariantCulture, SetOnWorker, "on"));
        var moved = await RunAsync("tenants", "move", "async-home", "--to", other);
        Assert.True(moved.ExitCode == 0, moved.Error);
        Assert.Equal(other, await Cluster.WorkerHoldingAsync("async_home"));
    }

    private Task<ToolResult> RunAsync(params string[] args) => Tool.RunAsync(Cluster.ConnectionString, args);

    /// <summary>A schema as a pre-Sublet app made it: local to the coordinator, sharding off, with the seed's tables.</summary>
    private async Task MakeLocalSchemaAsync(string schema, string extra = "")
    {
        await using var connection = await Cluster.Coordinator.OpenConnectionAsync(Token);
        await using var transaction = await connection.BeginTransactionAsync(Token);
        await using (var local = new Npgsql.NpgsqlCommand("SET LOCAL citus.enable_schema_based_sharding TO off", connection, transaction))
        {
            await local.ExecuteNonQueryAsync(Token);
        }

        foreach (var sql in Database.SeedSchemaSql(schema, "user_1").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(extra.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            await using var command = new Npgsql.NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(Token);
        }

        await transaction.CommitAsync(Token);
    }
}
