using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Migrations;
using Sublet.Provisioning;
using Sublet.Server;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.EntityFramework;

/// <summary>EF Core migrations rolled out by Sublet's migrator: per tenant, in each tenant's schema, at create and across every tenant.</summary>
public sealed class EfMigrationTests(PostgresCluster cluster)
{
    private const string First = "20260101000000_CreateNotes";
    private const string Second = "20260201000000_AddNoteTag";

    [Fact]
    public async Task A_new_tenant_gets_every_EF_migration_with_the_history_inside_its_schema()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var app = await EfHost.StartAsync<NotesDb>(await cluster.CreateDatabaseAsync(cancellationToken), cancellationToken: cancellationToken);
        await app.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("fresh", cancellationToken: cancellationToken);

        Assert.Equal([First, Second], await HistoryAsync(app.DataSource, "fresh"));
        Assert.Equal(1, await Database.CountAsync(app.DataSource, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'fresh' AND table_name = 'notes' AND column_name = 'tag'"));
        Assert.Equal(0, await Database.CountAsync(app.DataSource, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"));
    }

    [Fact]
    public async Task A_second_migration_reaches_every_tenant_in_parallel_and_a_failing_tenant_keeps_its_last_good_state()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connectionString = await cluster.CreateDatabaseAsync(cancellationToken);
        var slugs = new[] { "one", "two", "three", "four" };
        await using (var release1 = await EfHost.StartAsync<NotesDbV1>(connectionString, cancellationToken: cancellationToken))
        {
            foreach (var slug in slugs)
            {
                await release1.Services.GetRequiredService<ITenantProvisioner>().CreateAsync(slug, cancellationToken: cancellationToken);
            }

            Assert.Equal([First], await HistoryAsync(release1.DataSource, "three"));

            // Something in "three" is in the second migration's way: that tenant must fail alone, and keep nothing of it.
            await Database.ExecuteAsync(release1.DataSource, "CREATE INDEX ix_notes_tag ON three.notes (text)");
        }

        await using var release2 = await EfHost.StartAsync<NotesDb>(connectionString, cancellationToken: cancellationToken);
        var migrator = release2.Services.GetRequiredService<ITenantMigrator>();

        // Another migrator holds the lock: refused, nothing applied.
        await using (var holder = await release2.DataSource.OpenConnectionAsync(cancellationToken))
        {
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({CentralMigrator.AdvisoryLockKey})", holder);
            await take.ExecuteNonQueryAsync(cancellationToken);
            await Assert.ThrowsAsync<MigrationException>(() => migrator.MigrateAsync(new TenantMigrationRequest { Parallelism = 2 }, cancellationToken: cancellationToken));
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({CentralMigrator.AdvisoryLockKey})", holder);
            await release.ExecuteNonQueryAsync(cancellationToken);
        }

        var progress = new List<TenantMigrationProgress>();
        var report = await migrator.MigrateAsync(new TenantMigrationRequest { Parallelism = 3 }, new SynchronousProgress<TenantMigrationProgress>(progress.Add), cancellationToken);

        Assert.Equal(2, report.LatestVersion);
        var failure = Assert.Single(report.Failures);
        Assert.Equal("three", failure.Slug);
        Assert.Contains(Second, failure.Error, StringComparison.Ordinal);
        Assert.Equal(slugs.Length, progress[^1].Completed);
        foreach (var slug in slugs.Where(slug => slug != "three"))
        {
            Assert.Equal([Second], report.Results.Single(result => result.Slug == slug).Migrations);
            Assert.Equal([First, Second], await HistoryAsync(release2.DataSource, slug));
        }

        Assert.Equal([First], await HistoryAsync(release2.DataSource, "three"));
        Assert.Equal(0, await Database.CountAsync(release2.DataSource, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'three' AND column_name = 'tag'"));

        // Once the obstacle is gone, the next run finishes the job and leaves the others alone.
        await Database.ExecuteAsync(release2.DataSource, "DROP INDEX three.ix_notes_tag");
        var again = await migrator.MigrateAsync(new TenantMigrationRequest(), cancellationToken: cancellationToken);
        Assert.Empty(again.Failures);
        Assert.Equal(slugs.Length - 1, again.UpToDate);
        Assert.Equal([First, Second], await HistoryAsync(release2.DataSource, "three"));
    }

    [Fact]
    public async Task SQL_migration_files_beside_EF_migrations_are_refused_at_start_with_a_clear_message()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var connectionString = await cluster.CreateDatabaseAsync(cancellationToken);
        var refused = await Assert.ThrowsAsync<MigrationException>(() =>
            EfHost.StartAsync<NotesDb>(connectionString, sublet => sublet.AddTenantMigrations(typeof(ServerApp).Assembly), cancellationToken));
        Assert.Contains("either from SQL files or from EF Core, not both", refused.Message, StringComparison.Ordinal);
    }

    private static async Task<List<string>> HistoryAsync(NpgsqlDataSource dataSource, string schema)
    {
        await using var command = dataSource.CreateCommand($"SELECT \"MigrationId\" FROM \"{schema}\".\"__EFMigrationsHistory\" ORDER BY 1");
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var ids = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value)
        {
            lock (report)
            {
                report(value);
            }
        }
    }
}
