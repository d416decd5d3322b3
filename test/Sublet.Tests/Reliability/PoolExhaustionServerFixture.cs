using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary>The server with one pooled connection and a one-second wait for it.</summary>
public sealed class PoolExhaustionServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override string ConnectionOptions => ";Maximum Pool Size=1;Timeout=1";
}
