using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The server configured for more rounds than the seed's hash has, so a login upgrades it.</summary>
public sealed class StrongHashServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public const int Iterations = 40_000;

    protected override IEnumerable<string> Settings => [$"Sublet:Passwords:Iterations={Iterations}"];
}
