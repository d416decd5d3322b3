using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The server with one pooled connection: every request reuses the connection the last one used.</summary>
public sealed class TinyPoolServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override string ConnectionOptions => ";Maximum Pool Size=1;Timeout=30";

    // Hundreds of requests at once per tenant: all of them queue for the one connection, none is turned away.
    protected override IEnumerable<string> Settings => ["Sublet:Limits:QueuedRequestsPerTenant=1000"];
}
