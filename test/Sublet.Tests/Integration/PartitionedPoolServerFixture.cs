using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The server with its tenant connections split into partitions of one connection each.</summary>
public sealed class PartitionedPoolServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override string ConnectionOptions => ";Maximum Pool Size=3;Timeout=30";

    protected override IEnumerable<string> Settings => ["Sublet:Pool:Partitions=3", "Sublet:Limits:QueuedRequestsPerTenant=1000"];
}
