using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Sublet.EntityFrameworkCore;
using Sublet.Migrations;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.EntityFramework;

/// <summary>One model for every schema: 1,000 tenants through one context type build one model and hold no memory per tenant.</summary>
[Collection(nameof(RunsAlone))]
public sealed class ManyTenantsTests(PostgresCluster cluster)
{
    private const int Tenants = 1_000;
    private const int Warmup = 100;

    [Fact]
    public async Task A_thousand_tenants_share_one_model_and_memory_stays_flat()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // FailOnManyServiceProviders (EfHost) turns EF Core's "too many service providers" warning into a failure.
        await using var app = await EfHost.StartAsync<NotesDb>(await cluster.CreateDatabaseAsync(cancellationToken), cancellationToken: cancellationToken);
        await CreateTenantsAsync(app, app.Services.GetRequiredService<TenantMigrations>().Set.LatestVersion, cancellationToken);
        await app.ReloadCatalogAsync();

        var contexts = app.Services.GetRequiredService<ITenantDbContextFactory<NotesDb>>();
        var models = new HashSet<int>();
        long afterWarmup = 0;
        for (var i = 1; i <= Tenants; i++)
        {
            await using (var scope = await contexts.CreateForTenantAsync($"t{i}", cancellationToken))
            {
                scope.Context.Notes.Add(new Note { Text = $"t{i}" });
                await scope.Context.SaveChangesAsync(cancellationToken);
                Assert.Equal([$"t{i}"], scope.Context.Notes.Select(note => note.Text).ToArray());
                models.Add(RuntimeHelpers.GetHashCode(scope.Context.Model));
                await scope.CommitAsync(cancellationToken);
            }

            if (i == Warmup)
            {
                afterWarmup = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        var growth = GC.GetTotalMemory(forceFullCollection: true) - afterWarmup;
        Assert.Single(models);
        // A model per tenant would cost hundreds of kilobytes each, hundreds of megabytes here.
        Assert.True(growth < 16 * 1024 * 1024, $"the heap grew by {growth / 1024} KiB over {Tenants - Warmup} tenants");
        Assert.Equal(Tenants, await Database.CountAsync(app.DataSource, "SELECT count(*) FROM sublet.tenant"));
    }

    /// <summary>
    /// Tenant t1 made by provisioning (its EF Core migrations and both histories), t2..tN as copies of it made in a few
    /// statements: what provisioning would leave, in a fraction of the time.
    /// </summary>
    private static async Task CreateTenantsAsync(EfHost app, int latestVersion, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("t1", cancellationToken: cancellationToken);
        for (var first = 2; first <= Tenants; first += 250)
        {
            await using var command = app.DataSource.CreateCommand(
                $$"""
                DO $bulk$
                DECLARE i integer; s text;
                BEGIN
                  FOR i IN {{first}}..{{Math.Min(Tenants, first + 249)}} LOOP
                    s := 't' || i;
                    EXECUTE format('CREATE SCHEMA %I', s);
                    EXECUTE format('CREATE TABLE %I.notes (LIKE t1.notes INCLUDING ALL)', s);
                    EXECUTE format('CREATE TABLE %I."__EFMigrationsHistory" AS TABLE t1."__EFMigrationsHistory"', s);
                    EXECUTE format('CREATE TABLE %I.{{MigrationHistory.TableName}} AS TABLE t1.{{MigrationHistory.TableName}}', s);
                    INSERT INTO sublet.tenant (slug, schema_name, migration_version) VALUES (s, s, {{latestVersion}});
                  END LOOP;
                END $bulk$
                """);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

}
