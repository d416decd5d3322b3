using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sublet.Migrations;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Tests.Sharding;

/// <summary>Tenants placed on three real PostgreSQL clusters: the central one and two shards.</summary>
public sealed class ShardTests(ShardedServerFixture server) : IClassFixture<ShardedServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ITenantProvisioner Provisioner => server.Services.GetRequiredService<ITenantProvisioner>();

    private Task<ToolResult> RunAsync(params string[] args) => Tool.RunAsync(server.ConnectionString, args);

    [Fact]
    public async Task New_tenants_go_to_the_shard_with_the_fewest_tenants_and_their_schemas_live_only_there()
    {
        var counts = (await server.Shards.ListAsync(Token)).Where(shard => !shard.Draining).ToDictionary(shard => shard.Name, shard => shard.Tenants);

        for (var i = 0; i < 6; i++)
        {
            var expected = counts.OrderBy(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).First().Key;
            var tenant = await Provisioner.CreateAsync($"spread-{i}", shard: null, cancellationToken: Token);

            Assert.Equal(expected, tenant.Shard);
            counts[expected]++;
            var schema = tenant.SchemaName;
            Assert.Equal(
                (tenant.Shard == ShardNames.Default, tenant.Shard == "east", tenant.Shard == "west"),
                (await Database.SchemaExistsAsync(server.DataSource, schema), await Database.SchemaExistsAsync(server.East, schema), await Database.SchemaExistsAsync(server.West, schema)));
        }

        Assert.Equal(3, counts.Count);
    }

    [Fact]
    public async Task A_tenant_on_a_shard_is_served_from_its_database_and_no_other_tenant_sees_it()
    {
        var created = await Tool.RunAsync(
            server.ConnectionString, ["tenants", "create", "far-co", "--shard", "west", "--admin", "alice", "--password-stdin"], stdin: "foo\n");
        Assert.Equal((0, ""), (created.ExitCode, created.Error));
        Assert.Contains("shard west", created.Output, StringComparison.Ordinal);
        Assert.False(await Database.SchemaExistsAsync(server.DataSource, "far_co"));
        await Database.ExecuteAsync(server.West, "INSERT INTO far_co.company_data (description) VALUES ('written on west')");

        using var farCo = server.Client("far-co.localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(farCo, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await farCo.LoginAsync("alice")).StatusCode);
        var data = await farCo.GetAsync("/data");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        Assert.Contains("written on west", await data.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        using var company1 = server.Client("company1.localhost");
        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);
        var other = await company1.GetAsync("/data");
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.DoesNotContain("written on west", await other.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);

        var shown = JsonDocument.Parse((await RunAsync("tenants", "show", "far-co", "--json")).Output).RootElement;
        Assert.Equal("west", shown.GetProperty("shard").GetString());
    }

    [Fact]
    public async Task Migrations_reach_tenants_on_other_shards_and_the_catalog_records_their_version()
    {
        await Provisioner.CreateAsync("mig-east", "east", cancellationToken: Token);
        var current = server.Services.GetRequiredService<TenantMigrations>().Set;
        var next = new Migration(current.LatestVersion + 1, $"{current.LatestVersion + 1:0000}_shard_note", "ALTER TABLE company_data ADD COLUMN shard_note text;");
        var migrator = new TenantMigrator(
            server.Services.GetRequiredService<ShardDataSources>(),
            new TenantMigrations(new MigrationSet([.. current.Migrations, next])),
            NullLogger<TenantMigrator>.Instance);

        var report = await migrator.MigrateAsync(new TenantMigrationRequest { Slug = "mig-east" }, cancellationToken: Token);

        Assert.Empty(report.Failures);
        Assert.Equal(1, await Database.CountAsync(
            server.East, "SELECT count(*) FROM information_schema.columns WHERE table_schema = 'mig_east' AND column_name = 'shard_note'"));
        Assert.Equal(next.Version, await Database.CountAsync(server.DataSource, "SELECT migration_version FROM sublet.tenant WHERE slug = 'mig-east'"));
        Assert.Equal(1, await Database.CountAsync(server.East, $"SELECT count(*) FROM mig_east.sublet_migration_history WHERE version = {next.Version}"));
    }

    [Fact]
    public async Task Deleting_a_tenant_on_a_shard_drops_its_schema_there_and_its_host_answers_404()
    {
        await Provisioner.CreateAsync("gone-west", "west", cancellationToken: Token);
        Assert.True(await Database.SchemaExistsAsync(server.West, "gone_west"));

        var deleted = await RunAsync("tenants", "delete", "gone-west", "--yes");

        Assert.Equal(0, deleted.ExitCode);
        Assert.False(await Database.SchemaExistsAsync(server.West, "gone_west"));
        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = 'gone-west'"));
        using var client = server.Client("gone-west.localhost");
        Assert.Equal(HttpStatusCode.NotFound, await Tool.WaitForStatusAsync(client, "/data", HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task A_draining_shard_takes_no_new_tenants_and_a_shard_with_tenants_cannot_be_removed()
    {
        Assert.Equal(0, (await RunAsync("shards", "drain", "east", "--keep-tenants")).ExitCode);
        try
        {
            for (var i = 0; i < 4; i++)
            {
                Assert.NotEqual("east", (await Provisioner.CreateAsync($"not-east-{i}", shard: null, cancellationToken: Token)).Shard);
            }

            var refused = await RunAsync("tenants", "create", "to-east", "--shard", "east");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("draining", refused.Error, StringComparison.Ordinal);

            using var central = server.Client("localhost");
            var viaApi = await central.SendAsync(
                HttpMethod.Post, "/api/tenants", JsonContent.Create(new { slug = "api-east", shard = "east" }), headers: [("Authorization", $"Bearer {ShardedServerFixture.AdminToken}")]);
            Assert.Equal(HttpStatusCode.Conflict, viaApi.StatusCode);
            Assert.Equal("application/problem+json", viaApi.Content.Headers.ContentType?.MediaType);
            var unknown = await central.SendAsync(
                HttpMethod.Post, "/api/tenants", JsonContent.Create(new { slug = "api-nowhere", shard = "nowhere" }), headers: [("Authorization", $"Bearer {ShardedServerFixture.AdminToken}")]);
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug IN ('to-east', 'api-east', 'api-nowhere')"));
        }
        finally
        {
            Assert.Equal(0, (await RunAsync("shards", "undrain", "east")).ExitCode);
        }

        await Provisioner.CreateAsync("keeps-west", "west", cancellationToken: Token);
        var removal = await RunAsync("shards", "remove", "west");
        Assert.Equal(1, removal.ExitCode);
        Assert.Contains("still holds tenants", removal.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bad_Name", "Host=127.0.0.1", "not a valid shard name")]
    [InlineData("default", "Host=127.0.0.1", "already exists")]
    [InlineData("nowhere", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=p;Timeout=2", "Cannot connect to shard 'nowhere'")]
    [InlineData("garbled", "this is not a connection string", "connection string for shard 'garbled' is invalid")]
    [InlineData("east", "Host=127.0.0.1", "already exists")]
    public async Task A_bad_shard_is_refused_with_one_line_and_nothing_is_recorded(string name, string connectionString, string message)
    {
        var before = await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.shard");
        if (name == "east")
        {
            connectionString = server.EastConnectionString;
        }

        var result = await RunAsync("shards", "add", name, connectionString);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.Equal(before, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.shard"));
    }

    [Fact]
    public async Task A_schema_already_on_a_shard_is_adopted_there_and_served()
    {
        await Database.ExecuteAsync(server.West, Database.SeedSchemaSql("legacy_west", "bob"));

        var adopted = await RunAsync("tenants", "adopt", "legacy_west", "--shard", "west");

        Assert.Equal(0, adopted.ExitCode);
        using var client = server.Client("legacy-west.localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(client, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("bob")).StatusCode);
        Assert.Contains("legacy_west data", await (await client.GetAsync("/data")).Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shards_list_reports_each_shards_server_tenants_and_size()
    {
        await Provisioner.CreateAsync("sized-east", "east", cancellationToken: Token);

        var listed = await RunAsync("shards", "list", "--json");

        Assert.Equal(0, listed.ExitCode);
        var shards = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().ToDictionary(shard => shard.GetProperty("name").GetString()!);
        Assert.Equal(["default", "east", "west"], shards.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, shard) in shards)
        {
            Assert.Equal(
                await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE shard = $1", name),
                shard.GetProperty("tenants").GetInt64());
        }

        Assert.True(shards["east"].GetProperty("sizeBytes").GetInt64() > 0);
        Assert.DoesNotContain("Password", listed.Output, StringComparison.OrdinalIgnoreCase);
        var text = await RunAsync("shards", "list");
        Assert.Contains("east", text.Output, StringComparison.Ordinal);
    }
}
