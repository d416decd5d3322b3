using Microsoft.AspNetCore.Builder;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Sharding;

/// <summary>The sharded server with two endpoints an app would have: write one row, read all rows, of the host's tenant.</summary>
public sealed class MoveServerFixture(PostgresCluster cluster, ShardClusters shardClusters) : ShardedServerFixture(cluster, shardClusters)
{
    protected override void Configure(WebApplication app) => NotesEndpoints.Map(app);
}
