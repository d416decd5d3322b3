using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// The server with one pooled connection that prepares every statement on first use: each request runs the
/// previous request's prepared statements, often under another tenant's <c>search_path</c>.
/// </summary>
public sealed class AutoPrepareServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override string ConnectionOptions => ";Maximum Pool Size=1;Timeout=30;Max Auto Prepare=20;Auto Prepare Min Usages=1";

    protected override IEnumerable<string> Settings => ["Sublet:Limits:QueuedRequestsPerTenant=1000"];
}
