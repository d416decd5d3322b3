using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The server with the admin API switched on.</summary>
public sealed class AdminTokenServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public const string Token = "test-admin-token-0123456789abcdef";

    protected override IEnumerable<string> Settings => [$"Sublet:AdminToken={Token}"];
}
