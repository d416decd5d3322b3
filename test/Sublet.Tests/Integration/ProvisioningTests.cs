using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Provisioning;
using Sublet.Tenancy;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Integration;

public sealed class ProvisioningTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private ITenantProvisioner Provisioner => server.Services.GetRequiredService<ITenantProvisioner>();

    [Fact]
    public async Task A_created_tenant_has_its_schema_tables_and_history_and_is_served_at_once()
    {
        var tenant = await Provisioner.CreateAsync("acme-corp", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("acme_corp", tenant.SchemaName);
        Assert.Equal(["app_user", "company_data", "sublet_migration_history"], await TablesAsync("acme_corp"));
        using var client = server.Client("acme-corp.localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("anyone")).StatusCode);
    }

    [Theory]
    [InlineData("", TenantProvisioningError.InvalidSlug)]
    [InlineData("Upper", TenantProvisioningError.InvalidSlug)]
    [InlineData("a_b", TenantProvisioningError.InvalidSlug)]
    [InlineData("-x", TenantProvisioningError.InvalidSlug)]
    [InlineData("x\"; DROP SCHEMA company1; --", TenantProvisioningError.InvalidSlug)]
    [InlineData("www", TenantProvisioningError.ReservedSlug)]
    [InlineData("admin", TenantProvisioningError.ReservedSlug)]
    [InlineData("company1", TenantProvisioningError.AlreadyExists)]
    public async Task Bad_or_taken_slugs_are_refused_and_change_nothing(string slug, TenantProvisioningError error)
    {
        var before = await CatalogCountAsync();

        var refused = await Assert.ThrowsAsync<TenantProvisioningException>(() => Provisioner.CreateAsync(slug, cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(error, refused.Error);
        Assert.Equal(before, await CatalogCountAsync());
    }

    [Fact]
    public async Task A_failure_half_way_leaves_neither_catalog_row_nor_schema()
    {
        await Assert.ThrowsAsync<PostgresException>(() => Provisioner.CreateAsync(
            "halfway",
            async (connection, cancellationToken) =>
            {
                await using var command = connection.CreateCommand("INSERT INTO app_user (username) VALUES ('no password')");
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            TestContext.Current.CancellationToken));

        Assert.Empty(await TablesAsync("halfway"));
        Assert.False(await SchemaExistsAsync("halfway"));
        Assert.False(server.Services.GetRequiredService<ITenantCatalog>().TryGetTenant("halfway", out _));
        using var client = server.Client("halfway.localhost");
        Assert.Equal(HttpStatusCode.NotFound, (await client.LoginAsync("x")).StatusCode);
    }

    [Fact]
    public async Task A_suspended_tenant_answers_403_and_its_sessions_stop_working()
    {
        await Provisioner.CreateAsync("suspendme", cancellationToken: TestContext.Current.CancellationToken);
        using var client = server.Client("suspendme.localhost");
        await using (var suspend = server.DataSource.CreateCommand("UPDATE sublet.tenant SET status = 'suspended' WHERE slug = 'suspendme'"))
        {
            await suspend.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        await server.Services.GetRequiredService<ITenantCatalog>().ReloadAsync(TestContext.Current.CancellationToken);

        var response = await client.GetAsync("/data");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private async Task<long> CatalogCountAsync()
    {
        await using var command = server.DataSource.CreateCommand("SELECT count(*) FROM sublet.tenant");
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    private async Task<bool> SchemaExistsAsync(string schema)
    {
        await using var command = server.DataSource.CreateCommand("SELECT count(*) FROM pg_namespace WHERE nspname = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))! > 0;
    }

    private async Task<List<string>> TablesAsync(string schema)
    {
        await using var command = server.DataSource.CreateCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1");
        command.Parameters.Add(new NpgsqlParameter { Value = schema });
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var tables = new List<string>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }
}
