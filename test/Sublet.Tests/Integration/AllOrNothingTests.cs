using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Sublet.Citus;
using Sublet.Data;
using Sublet.Migrations;
using Sublet.Provisioning;
using Sublet.Tenancy;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>A migration or a creation that fails half-way leaves nothing behind, and a run goes on past a failing tenant.</summary>
public sealed class AllOrNothingTests(PostgresCluster cluster) : IAsyncLifetime
{
    private static readonly Migration Notes = new(1, "0001_notes", "CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL);");
    private static readonly Migration FailsHalfWay = new(2, "0002_tags", "CREATE TABLE tags (id int);\nINSERT INTO tags VALUES (1);\nINSERT INTO no_such_table VALUES (1);");
    private static readonly Migration Fixed = FailsHalfWay with { Sql = "CREATE TABLE tags (id int);\nINSERT INTO tags VALUES (1);" };

    private SubletHost? _host;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private NpgsqlDataSource DataSource => _host!.DataSource;

    public async ValueTask InitializeAsync() => _host = await SubletHost.StartFreshAsync(cluster, Token);

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_creation_whose_migration_fails_half_way_leaves_no_row_and_no_schema_and_a_retry_succeeds_once_fixed()
    {
        await Assert.ThrowsAsync<PostgresException>(() => Provisioner(Notes, FailsHalfWay).CreateAsync("acme", shard: null, cancellationToken: Token));

        await AssertNothingLeftAsync("acme");
        var tenant = await Provisioner(Notes, Fixed).CreateAsync("acme", shard: null, cancellationToken: Token);
        Assert.Equal("acme", tenant.Slug);
        Assert.Equal(1, await Database.CountAsync(DataSource, "SELECT count(*) FROM acme.tags"));
    }

    [Fact]
    public async Task A_creation_whose_initializer_commits_is_undone_and_a_retry_succeeds()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Provisioner(Notes).CreateAsync(
            "acme",
            shard: null,
            async (connection, token) =>
            {
                await using var commit = connection.CreateCommand("INSERT INTO notes (body) VALUES ('first'); COMMIT;");
                await commit.ExecuteNonQueryAsync(token);
            },
            Token));

        Assert.Contains("ended the tenant's transaction", refused.Message, StringComparison.Ordinal);
        await AssertNothingLeftAsync("acme");
        await Provisioner(Notes).CreateAsync("acme", shard: null, cancellationToken: Token);
        Assert.Equal(1, await Database.CountAsync(DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = 'acme'"));
    }

    [Fact]
    public async Task A_creation_whose_initializer_commits_and_then_throws_is_undone()
    {
        await Assert.ThrowsAsync<TimeZoneNotFoundException>(() => Provisioner(Notes).CreateAsync(
            "acme",
            shard: null,
            async (connection, token) =>
            {
                await connection.CommitAsync(token);
                throw new TimeZoneNotFoundException("the app's own failure");
            },
            Token));

        await AssertNothingLeftAsync("acme");
    }

    [Fact]
    public void A_migration_that_commits_is_refused_before_it_reaches_any_tenant()
    {
        var ef = new Migration(2, "0002_ef", "START TRANSACTION;\nALTER TABLE notes ADD COLUMN title text;\nCOMMIT;");

        var refused = Assert.Throws<MigrationException>(() => new TenantMigrations(new MigrationSet([Notes, ef])));

        Assert.Contains("0002_ef.sql, line 1: START TRANSACTION", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_tenant_is_reported_while_the_run_migrates_the_others()
    {
        foreach (var slug in new[] { "alpha", "bravo", "charlie" })
        {
            await Provisioner(Notes).CreateAsync(slug, shard: null, cancellationToken: Token);
        }

        await Database.ExecuteAsync(DataSource, "CREATE TABLE bravo.tags (id int)");
        var report = await Migrator(Notes, Fixed).MigrateAsync(new TenantMigrationRequest(), cancellationToken: Token);

        var failure = Assert.Single(report.Failures);
        Assert.Equal("bravo", failure.Slug);
        Assert.Contains("0002_tags", failure.Error, StringComparison.Ordinal);
        Assert.Equal(2, report.Results.Count(result => result.Succeeded));
        Assert.Equal(0, await Database.CountAsync(DataSource, "SELECT count(*) FROM bravo.sublet_migration_history WHERE version = 2"));
    }

    private async Task AssertNothingLeftAsync(string slug)
    {
        Assert.Equal(0, await Database.CountAsync(DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = $1", slug));
        Assert.False(await Database.SchemaExistsAsync(DataSource, slug));
    }

    private TenantProvisioner Provisioner(params Migration[] migrations) => new(
        Services.GetRequiredService<ShardDataSources>(),
        new TenantMigrations(new MigrationSet(migrations)),
        Services.GetRequiredService<ITenantCatalog>(),
        Services.GetRequiredService<SlugRules>(),
        Services.GetRequiredService<CitusMode>());

    private TenantMigrator Migrator(params Migration[] migrations) =>
        new(Services.GetRequiredService<ShardDataSources>(), new TenantMigrations(new MigrationSet(migrations)), NullLogger<TenantMigrator>.Instance);

    private IServiceProvider Services => _host!.Services;
}
