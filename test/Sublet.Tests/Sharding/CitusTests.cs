using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Data;
using Sublet.Provisioning;
using Sublet.Sharding;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Sharding;

/// <summary>
/// Against a real Citus 13 coordinator with schema-based sharding, named by <c>SUBLET_TEST_CITUS</c> (a
/// connection string; docs/scaling.md sets one up). Citus is not in Debian's archive, so without it this test
/// reports itself skipped rather than passing.
/// </summary>
public sealed class CitusTests
{
    private static readonly string? Coordinator = Environment.GetEnvironmentVariable("SUBLET_TEST_CITUS");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_a_Citus_coordinator_tenants_are_distributed_schemas_served_adopted_and_moved_by_Citus()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(Coordinator), "SUBLET_TEST_CITUS names no Citus coordinator (see docs/scaling.md).");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (first, second, adopted) = ($"citus-a-{suffix}", $"citus-b-{suffix}", $"legacy_{suffix}");
        await using var host = await SubletHost.StartAsync(Coordinator!, Token);
        var provisioner = host.Services.GetRequiredService<ITenantProvisioner>();
        var lifecycle = host.Services.GetRequiredService<ITenantLifecycle>();
        try
        {
            var tenantA = await provisioner.CreateAsync(first, shard: null, (connection, token) => InsertAsync(connection, first, token), Token);
            var tenantB = await provisioner.CreateAsync(second, shard: null, (connection, token) => InsertAsync(connection, second, token), Token);
            foreach (var tenant in new[] { tenantA, tenantB })
            {
                Assert.Equal(1, await Database.CountAsync(host.DataSource, "SELECT count(*) FROM citus_schemas WHERE schema_name = $1::regnamespace", tenant.QuotedSchemaName));
            }

            // Tenants alternate on the same pooled connections, each query routed to its tenant's worker.
            var database = host.Services.GetRequiredService<ITenantDatabase>();
            for (var i = 0; i < 20; i++)
            {
                var tenant = i % 2 == 0 ? tenantA : tenantB;
                Assert.Equal([tenant.Slug], await DescriptionsAsync(database, tenant));
            }

            await using (var batch = host.DataSource.CreateBatch())
            {
                // Made as a pre-Sublet app would have: a local schema, sharding off.
                batch.BatchCommands.Add(new("SET LOCAL citus.enable_schema_based_sharding TO off"));
                batch.BatchCommands.Add(new($"CREATE SCHEMA {adopted}"));
                batch.BatchCommands.Add(new($"CREATE TABLE {adopted}.app_user (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, username text UNIQUE NOT NULL, password text NOT NULL)"));
                batch.BatchCommands.Add(new($"CREATE TABLE {adopted}.company_data (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, description text NOT NULL)"));
                await batch.ExecuteNonQueryAsync(Token);
            }

            await lifecycle.AdoptAsync(adopted, cancellationToken: Token);
            Assert.Equal(1, await Database.CountAsync(host.DataSource, "SELECT count(*) FROM citus_schemas WHERE schema_name = $1::regnamespace", adopted));

            var nodes = await host.Services.GetRequiredService<IShardRegistry>().ListAsync(Token);
            Assert.True(nodes.Count >= 2, "The coordinator needs two workers to move a tenant between.");
            var before = nodes.Single(node => node.Tenants > 0 && node.Name == PlacementOf(nodes, host, tenantA));
            var target = nodes.First(node => node.Name != before.Name && !node.Draining);
            var report = await host.Services.GetRequiredService<ITenantMover>().MoveAsync(first, target.Name, cancellationToken: Token);

            Assert.Equal(target.Name, report.To);
            Assert.Equal(target.Name, PlacementOf(await host.Services.GetRequiredService<IShardRegistry>().ListAsync(Token), host, tenantA));
            Assert.Equal([first], await DescriptionsAsync(database, tenantA));
        }
        finally
        {
            foreach (var slug in new[] { first, second, adopted.Replace('_', '-') })
            {
                try
                {
                    await lifecycle.DeleteAsync(slug, cancellationToken: Token);
                }
                catch (TenantProvisioningException)
                {
                    // Not made: the test failed before it.
                }
            }
        }
    }

    private static string PlacementOf(IReadOnlyList<ShardInfo> nodes, SubletHost host, Tenant tenant)
    {
        using var command = host.DataSource.CreateCommand(
            """
            SELECT s.nodename || ':' || s.nodeport FROM citus_shards s JOIN citus_schemas c ON c.colocation_id = s.colocation_id
            WHERE c.schema_name = $1::regnamespace LIMIT 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.QuotedSchemaName });
        var node = (string)command.ExecuteScalar()!;
        Assert.Contains(node, nodes.Select(candidate => candidate.Name));
        return node;
    }

    private static async Task InsertAsync(TenantConnection connection, string description, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand("INSERT INTO company_data (description) VALUES ($1)");
        insert.Parameters.Add(new NpgsqlParameter { Value = description });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<string>> DescriptionsAsync(ITenantDatabase database, Tenant tenant)
    {
        await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT description FROM company_data", cancellationToken: Token);
        var descriptions = new List<string>();
        while (await reader.ReadAsync(Token))
        {
            descriptions.Add(reader.GetString(0));
        }

        return descriptions;
    }
}
