using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.EntityFramework;

/// <summary>The EF app with one tenant connection and one pooled context: every request inherits both from a request for another tenant.</summary>
public sealed class TinyPoolEfServerFixture(PostgresCluster cluster) : EfServerFixture(cluster)
{
    protected override string ConnectionOptions => ";Maximum Pool Size=1;Timeout=30";

    protected override int ContextPoolSize => 1;
}
