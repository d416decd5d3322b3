using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary>The server with the tenant tag left off its metrics.</summary>
public sealed class UntaggedMetricsServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override IEnumerable<string> Settings => ["Sublet:TenantMetricsTag=false"];
}
