using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Passwords;
using Sublet.Provisioning;
using Sublet.Server;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// The server as a PostgreSQL role that can read and write rows but create nothing, while an owner role runs
/// the migrations and makes the tenants: the grants are the ones <c>docs/security.md</c> gives.
/// </summary>
public sealed class LeastPrivilegeTests(PostgresCluster cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_without_ddl_rights_serves_tenants_made_before_and_after_the_grants_and_can_create_nothing()
    {
        var ownerConnection = await cluster.CreateDatabaseAsync(Token);
        var owner = new NpgsqlConnectionStringBuilder(ownerConnection);
        var appRole = $"sublet_app_{owner.Database}";
        var appConnection = new NpgsqlConnectionStringBuilder(ownerConnection) { Username = appRole, Password = Guid.NewGuid().ToString("N") };

        // The owner's side, as `sublet migrate` and `sublet tenants create` run it.
        await using var tool = await SubletHost.StartAsync(ownerConnection, Token);
        await CreateTenantAsync(tool, "made-before");
        await Database.ExecuteAsync(tool.DataSource, $"CREATE ROLE {appRole} LOGIN PASSWORD '{appConnection.Password}'");
        await Database.ExecuteAsync(tool.DataSource, Grants(owner.Database!, owner.Username!, appRole, ["made_before"]));
        await CreateTenantAsync(tool, "made-after");

        await using var app = ServerApp.Build(
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Sublet={appConnection.ConnectionString}",
            "--Sublet:ServerName=localhost",
            "--Sublet:LoadDemo=false",
            "--Sublet:Passwords:Iterations=2000",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(Token);
        var address = new Uri(app.Urls.First());
        foreach (var slug in new[] { "made-before", "made-after" })
        {
            using var client = new HostClient(address, $"{slug}.localhost:{address.Port}");
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("alice")).StatusCode);
            var data = await client.GetAsync("/data");
            Assert.Equal(HttpStatusCode.OK, data.StatusCode);
            Assert.Contains($"{slug} data", await data.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        }

        var dataSource = app.Services.GetRequiredService<NpgsqlDataSource>();
        foreach (var sql in new[]
        {
            "CREATE TABLE made_before.intruder (id int)",
            "CREATE TABLE sublet.intruder (id int)",
            "CREATE TABLE public.intruder (id int)",
            "CREATE TEMP TABLE intruder (id int)",
            "CREATE SCHEMA intruder",
            "DROP TABLE made_before.company_data",
            "UPDATE sublet.tenant SET status = 'suspended'",
        })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => Database.ExecuteAsync(dataSource, sql));
            Assert.True(refused.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {refused.SqlState} {refused.MessageText}");
        }

        await app.StopAsync(Token);
    }

    private static async Task CreateTenantAsync(SubletHost tool, string slug)
    {
        var hash = tool.Services.GetRequiredService<IPasswordHasher>().Hash("foo");
        await tool.Services.GetRequiredService<ITenantProvisioner>().CreateAsync(
            slug,
            async (connection, token) =>
            {
                await using var batch = connection.CreateBatch();
                batch.BatchCommands.Add(new("INSERT INTO app_user (username, password) VALUES ('alice', $1)") { Parameters = { new() { Value = hash } } });
                batch.BatchCommands.Add(new("INSERT INTO company_data (description) VALUES ($1)") { Parameters = { new() { Value = $"{slug} data" } } });
                await batch.ExecuteNonQueryAsync(token);
            },
            Token);
    }

    /// <summary>The statements from docs/security.md, with the names filled in.</summary>
    private static string Grants(string database, string ownerRole, string appRole, IEnumerable<string> tenantSchemas) =>
        $"""
        REVOKE ALL ON DATABASE {database} FROM PUBLIC;
        GRANT CONNECT ON DATABASE {database} TO {appRole};
        GRANT USAGE ON SCHEMA sublet TO {appRole};
        GRANT SELECT ON sublet.tenant, sublet.shard, sublet.sublet_migration_history TO {appRole};
        GRANT SELECT, INSERT, UPDATE, DELETE ON sublet.session, sublet.tenant_domain TO {appRole};
        GRANT SELECT, INSERT ON sublet.data_protection_key TO {appRole};
        ALTER DEFAULT PRIVILEGES FOR ROLE {ownerRole} GRANT USAGE ON SCHEMAS TO {appRole};
        ALTER DEFAULT PRIVILEGES FOR ROLE {ownerRole} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {appRole};
        ALTER DEFAULT PRIVILEGES FOR ROLE {ownerRole} GRANT USAGE, SELECT ON SEQUENCES TO {appRole};
        """
        + string.Concat(tenantSchemas.Select(schema => $"""

            GRANT USAGE ON SCHEMA {schema} TO {appRole};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {appRole};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {appRole};
            """));
}
