using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Sharding;

/// <summary>The sharded server with two endpoints an app would have: write one row, read all rows, of the host's tenant.</summary>
public sealed class MoveServerFixture(PostgresCluster cluster, ShardClusters shardClusters) : ShardedServerFixture(cluster, shardClusters)
{
    // Servers in the same process learn of a switch within milliseconds; the default waits longer for remote ones.
    protected override IEnumerable<string> Settings => [.. base.Settings, "Sublet:Moves:SourceDropDelay=00:00:00.5"];

    /// <summary>Creates a tenant on <paramref name="shard"/> with <paramref name="rows"/> rows of its own in <c>company_data</c>.</summary>
    public async Task CreateTenantWithRowsAsync(string slug, string shard, int rows) =>
        await Services.GetRequiredService<ITenantProvisioner>().CreateAsync(
            slug,
            shard,
            async (connection, cancellationToken) =>
            {
                await using var insert = connection.CreateCommand("INSERT INTO company_data (description) SELECT $1 || '-seed-' || i FROM generate_series(0, $2 - 1) i");
                insert.Parameters.Add(new NpgsqlParameter { Value = slug });
                insert.Parameters.Add(new NpgsqlParameter { Value = rows });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            },
            TestContext.Current.CancellationToken);

    protected override void Configure(WebApplication app) => NotesEndpoints.Map(app);
}
