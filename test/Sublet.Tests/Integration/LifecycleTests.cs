using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Integration;

public sealed class LifecycleTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private ITenantProvisioner Provisioner => server.Services.GetRequiredService<ITenantProvisioner>();

    private ITenantLifecycle Lifecycle => server.Services.GetRequiredService<ITenantLifecycle>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Concurrent_creates_of_one_slug_let_exactly_one_win()
    {
        var attempts = Enumerable.Range(0, 6).Select(_ => Task.Run(() => Provisioner.CreateAsync("racer", cancellationToken: Token), Token)).ToArray();

        var outcomes = await Task.WhenAll(attempts.Select(async attempt =>
        {
            try
            {
                await attempt;
                return (TenantProvisioningError?)null;
            }
            catch (TenantProvisioningException exception)
            {
                return exception.Error;
            }
        }));

        Assert.Single(outcomes, outcome => outcome is null);
        Assert.All(outcomes.Where(outcome => outcome is not null), outcome => Assert.Equal(TenantProvisioningError.AlreadyExists, outcome));
        Assert.Equal(1, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = 'racer'"));
        Assert.True(await Database.SchemaExistsAsync(server.DataSource, "racer"));
    }

    [Theory]
    [InlineData("Bad")]
    [InlineData("under_score")]
    [InlineData("trailing-")]
    [InlineData("x\"; DROP SCHEMA company1; --")]
    [InlineData("www")]
    [InlineData("company2")]
    public async Task Renaming_to_a_bad_reserved_or_taken_slug_is_refused_and_changes_nothing(string newSlug)
    {
        await Provisioner.CreateAsync("stays-put", cancellationToken: Token);
        try
        {
            await Assert.ThrowsAsync<TenantProvisioningException>(() => Lifecycle.RenameAsync("stays-put", newSlug, Token));

            Assert.Equal("stays_put", (await Lifecycle.GetAsync("stays-put", Token)).SchemaName);
            Assert.Equal(1, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = 'company2'"));
        }
        finally
        {
            await Lifecycle.DeleteAsync("stays-put", cancellationToken: Token);
        }
    }

    [Fact]
    public async Task A_renamed_tenant_keeps_its_schema_and_the_old_host_answers_404()
    {
        await Provisioner.CreateAsync("old-name", SeedUser("renamed_user"), Token);

        var renamed = await Lifecycle.RenameAsync("old-name", "new-name", Token);

        Assert.Equal("old_name", renamed.SchemaName);
        using var oldHost = server.Client("old-name.localhost");
        Assert.Equal(HttpStatusCode.NotFound, (await oldHost.LoginAsync("renamed_user")).StatusCode);
        using var newHost = server.Client("new-name.localhost");
        Assert.Equal(HttpStatusCode.OK, (await newHost.LoginAsync("renamed_user")).StatusCode);
    }

    [Fact]
    public async Task A_suspended_tenant_is_blocked_and_a_resumed_one_is_served_again()
    {
        await Provisioner.CreateAsync("pausing", SeedUser("pause_user"), Token);
        using var client = server.Client("pausing.localhost");
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("pause_user")).StatusCode);

        Assert.Equal(TenantStatus.Suspended, (await Lifecycle.SuspendAsync("pausing", Token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/data")).StatusCode);

        Assert.Equal(TenantStatus.Active, (await Lifecycle.ResumeAsync("pausing", Token)).Status);
        // Suspension ended the session: the tenant is served again, to users who log in again.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("pause_user")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task Deleting_with_an_archive_dumps_the_schema_then_drops_it_and_its_row()
    {
        await Provisioner.CreateAsync("leaving", SeedUser("leaving_user"), Token);
        var archive = Path.Combine(Path.GetTempPath(), $"sublet-archive-{Guid.NewGuid():N}.sql");
        try
        {
            await Lifecycle.DeleteAsync("leaving", archive, Token);

            var dump = await File.ReadAllTextAsync(archive, Token);
            Assert.Contains("leaving.app_user", dump, StringComparison.Ordinal);
            Assert.DoesNotContain("company1", dump, StringComparison.Ordinal);
            Assert.False(await Database.SchemaExistsAsync(server.DataSource, "leaving"));
            var refused = await Assert.ThrowsAsync<TenantProvisioningException>(() => Lifecycle.GetAsync("leaving", Token));
            Assert.Equal(TenantProvisioningError.NotFound, refused.Error);
        }
        finally
        {
            File.Delete(archive);
        }
    }

    [Fact]
    public async Task A_failed_archive_deletes_nothing()
    {
        await Provisioner.CreateAsync("kept", cancellationToken: Token);

        var refused = await Assert.ThrowsAsync<TenantProvisioningException>(() => Lifecycle.DeleteAsync("kept", "/nonexistent-folder/kept.sql", Token));

        Assert.Equal(TenantProvisioningError.ArchiveFailed, refused.Error);
        Assert.True(await Database.SchemaExistsAsync(server.DataSource, "kept"));
        Assert.Equal("kept", (await Lifecycle.GetAsync("kept", Token)).Slug);
    }

    [Fact]
    public async Task A_schema_made_by_the_seed_sql_is_adopted_and_its_seed_user_logs_in()
    {
        await Database.ExecuteAsync(server.DataSource, Database.SeedSchemaSql("legacy_co", "user_1"));

        var adoption = await Lifecycle.AdoptAsync("legacy_co", cancellationToken: Token);

        Assert.Equal("legacy-co", adoption.Tenant.Slug);
        Assert.Equal(["0001_seed_tables"], adoption.SatisfiedMigrations);
        Assert.Equal(1, (await Lifecycle.GetAsync("legacy-co", Token)).MigrationVersion);
        Assert.Equal(1, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM legacy_co.sublet_migration_history"));
        using var client = server.Client("legacy-co.localhost");
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("user_1")).StatusCode);
        var data = await client.GetAsync("/data");
        Assert.Contains("legacy_co data", await data.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no_such_schema", null, TenantProvisioningError.InvalidSchema)]
    [InlineData("public", null, TenantProvisioningError.InvalidSchema)]
    [InlineData("pg_catalog", null, TenantProvisioningError.InvalidSchema)]
    [InlineData("sublet", null, TenantProvisioningError.InvalidSchema)]
    [InlineData("company1", "another", TenantProvisioningError.AlreadyExists)]
    [InlineData("orphan", "Not A Slug", TenantProvisioningError.InvalidSlug)]
    public async Task Adopting_a_missing_shared_or_owned_schema_is_refused(string schema, string? slug, TenantProvisioningError error)
    {
        await Database.ExecuteAsync(server.DataSource, "CREATE SCHEMA IF NOT EXISTS orphan");
        var before = await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant");

        var refused = await Assert.ThrowsAsync<TenantProvisioningException>(() => Lifecycle.AdoptAsync(schema, slug, cancellationToken: Token));

        Assert.Equal(error, refused.Error);
        Assert.Equal(before, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant"));
    }

    private static Func<Sublet.Data.TenantConnection, CancellationToken, Task> SeedUser(string user) =>
        async (connection, cancellationToken) =>
        {
            await using var command = connection.CreateCommand("INSERT INTO app_user (username, password) VALUES ($1, '$pbkdf2-sha256$29000$5ry31vofg7CWkhJCSClFKA$i01NZ9cAJCAYlXQCY2AXmcmJfe8eD5vZMDOy0h8tH2U')");
            command.Parameters.Add(new() { Value = user });
            await command.ExecuteNonQueryAsync(cancellationToken);
        };
}
