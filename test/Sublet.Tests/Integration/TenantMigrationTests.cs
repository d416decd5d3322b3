using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sublet.Migrations;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>Each test gets a fresh database with three tenants at the seed's first migration.</summary>
public sealed class TenantMigrationTests(PostgresCluster cluster) : IAsyncLifetime
{
    private static readonly Migration Seed = new TenantMigrations([new TenantMigrationSource(typeof(Sublet.Server.ServerApp).Assembly)]).Set.Migrations[0];
    private static readonly Migration AddColumn = new(2, "0002_company_data_created", "ALTER TABLE company_data ADD COLUMN created timestamptz NOT NULL DEFAULT now();");
    private static readonly Migration AddAudit = new(3, "0003_audit", "CREATE TABLE audit (id serial PRIMARY KEY, note text NOT NULL);");

    private SubletHost? _host;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private NpgsqlDataSource DataSource => _host!.DataSource;

    public async ValueTask InitializeAsync()
    {
        _host = await SubletHost.StartFreshAsync(cluster, Token);
        foreach (var slug in new[] { "alpha", "bravo", "charlie" })
        {
            await _host.Services.GetRequiredService<ITenantProvisioner>().CreateAsync(slug, cancellationToken: Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_new_migration_reaches_every_tenant_and_a_second_run_skips_them_all()
    {
        var report = await Migrator(Seed, AddColumn).MigrateAsync(new TenantMigrationRequest(), cancellationToken: Token);

        Assert.Equal(["alpha", "bravo", "charlie"], report.Results.Select(result => result.Slug));
        Assert.All(report.Results, result => Assert.Equal(["0002_company_data_created"], result.Migrations));
        Assert.Empty(report.Failures);
        Assert.Equal(3, await Database.CountAsync(DataSource, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'company_data' AND column_name = 'created'"));
        Assert.Equal(3, await Database.CountAsync(DataSource, "SELECT count(*) FROM sublet.tenant WHERE migration_version = 2"));

        var again = await Migrator(Seed, AddColumn).MigrateAsync(new TenantMigrationRequest(), cancellationToken: Token);

        Assert.Empty(again.Results);
        Assert.Equal(3, again.UpToDate);
    }

    [Fact]
    public async Task A_dry_run_lists_what_would_apply_and_changes_nothing()
    {
        var report = await Migrator(Seed, AddColumn, AddAudit).MigrateAsync(new TenantMigrationRequest { DryRun = true, Slug = "bravo" }, cancellationToken: Token);

        var bravo = Assert.Single(report.Results);
        Assert.Equal(["0002_company_data_created", "0003_audit"], bravo.Migrations);
        Assert.Equal(0, await Database.CountAsync(DataSource, "SELECT count(*) FROM sublet.tenant WHERE migration_version > 1"));
        Assert.Equal(0, await Database.CountAsync(DataSource, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'audit'"));
    }

    [Fact]
    public async Task An_edited_migration_that_was_already_applied_is_refused()
    {
        await Migrator(Seed, AddColumn).MigrateAsync(new TenantMigrationRequest(), cancellationToken: Token);
        var edited = AddColumn with { Sql = "ALTER TABLE company_data ADD COLUMN created date;" };

        var report = await Migrator(Seed, edited, AddAudit).MigrateAsync(new TenantMigrationRequest(), cancellationToken: Token);

        Assert.Equal(3, report.Failures.Count);
        Assert.All(report.Failures, failure => Assert.Contains("0002_company_data_created was edited", failure.Error, StringComparison.Ordinal));
        Assert.Equal(0, await Database.CountAsync(DataSource, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'audit'"));
    }

    [Fact]
    public async Task A_tenant_whose_migration_fails_is_reported_while_the_others_migrate_and_a_rerun_resumes_it()
    {
        await Database.ExecuteAsync(DataSource, "CREATE TABLE bravo.audit (id int)");

        var report = await Migrator(Seed, AddColumn, AddAudit).MigrateAsync(new TenantMigrationRequest { Parallelism = 2 }, cancellationToken: Token);

        var failure = Assert.Single(report.Failures);
        Assert.Equal("bravo", failure.Slug);
        Assert.Equal(["0002_company_data_created"], failure.Migrations);
        Assert.Contains("0003_audit", failure.Error, StringComparison.Ordinal);
        Assert.Contains("already exists", failure.Error, StringComparison.Ordinal);
        Assert.Equal(2, await Database.CountAsync(DataSource, "SELECT count(*) FROM sublet.tenant WHERE migration_version = 3"));
        Assert.Equal(2, await Database.CountAsync(DataSource, "SELECT migration_version FROM sublet.tenant WHERE slug = 'bravo'"));

        await Database.ExecuteAsync(DataSource, "DROP TABLE bravo.audit");
        var rerun = await Migrator(Seed, AddColumn, AddAudit).MigrateAsync(new TenantMigrationRequest(), cancellationToken: Token);

        var resumed = Assert.Single(rerun.Results);
        Assert.Equal(("bravo", true), (resumed.Slug, resumed.Succeeded));
        Assert.Equal(["0003_audit"], resumed.Migrations);
        Assert.Equal(2, rerun.UpToDate);
    }

    [Fact]
    public async Task A_second_migrator_is_refused_while_the_first_holds_the_lock()
    {
        await using var holder = await DataSource.OpenConnectionAsync(Token);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({CentralMigrator.AdvisoryLockKey})", holder))
        {
            await take.ExecuteNonQueryAsync(Token);
        }

        var refused = await Assert.ThrowsAsync<MigrationException>(() => Migrator(Seed, AddColumn).MigrateAsync(new TenantMigrationRequest(), cancellationToken: Token));

        Assert.Contains("lock", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, await Database.CountAsync(DataSource, "SELECT count(*) FROM sublet.tenant WHERE migration_version > 1"));
    }

    [Fact]
    public async Task Migrating_an_unknown_tenant_is_refused()
    {
        var refused = await Assert.ThrowsAsync<MigrationException>(() => Migrator(Seed, AddColumn).MigrateAsync(new TenantMigrationRequest { Slug = "nobody" }, cancellationToken: Token));
        Assert.Equal("No tenant 'nobody'.", refused.Message);
    }

    [Fact]
    public async Task Scripts_ending_without_a_semicolon_or_in_a_comment_run_one_after_another_in_migrate_and_create()
    {
        Migration[] set =
        [
            Seed,
            new(2, "0002_no_semicolon", "ALTER TABLE company_data ADD COLUMN a integer"),
            new(3, "0003_trailing_comment", "ALTER TABLE company_data ADD COLUMN b integer; -- the end"),
            new(4, "0004_quote", "COMMENT ON TABLE company_data IS 'it''s the data';"),
        ];

        var report = await Migrator(set).MigrateAsync(new TenantMigrationRequest { Slug = "alpha" }, cancellationToken: Token);
        var provisioner = new TenantProvisioner(
            Shards, new TenantMigrations(new MigrationSet(set)), _host!.Services.GetRequiredService<Sublet.Tenancy.ITenantCatalog>(), _host.Services.GetRequiredService<SlugRules>(), _host.Services.GetRequiredService<Sublet.Citus.CitusMode>());
        await provisioner.CreateAsync("delta", shard: null, cancellationToken: Token);

        Assert.Empty(report.Failures);
        Assert.Equal(["0002_no_semicolon", "0003_trailing_comment", "0004_quote"], report.Results.Single().Migrations);
        foreach (var schema in new[] { "alpha", "delta" })
        {
            Assert.Equal(2, await Database.CountAsync(DataSource, "SELECT count(*) FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'company_data' AND column_name IN ('a', 'b')", schema));
            Assert.Equal(4, await Database.CountAsync(DataSource, $"SELECT count(*) FROM \"{schema}\".sublet_migration_history"));
        }

        Assert.Equal(2, await Database.CountAsync(DataSource, "SELECT count(*) FROM sublet.tenant WHERE migration_version = 4"));
        // The migrator's checksums match what creation recorded: nothing is pending for the new tenant.
        Assert.Empty((await Migrator(set).MigrateAsync(new TenantMigrationRequest { Slug = "delta" }, cancellationToken: Token)).Results);
    }

    private TenantMigrator Migrator(params Migration[] migrations) =>
        new(Shards, new TenantMigrations(new MigrationSet(migrations)), NullLogger<TenantMigrator>.Instance);

    private Sublet.Data.ShardDataSources Shards => _host!.Services.GetRequiredService<Sublet.Data.ShardDataSources>();
}
