using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// The server hashing with 29,000 rounds, the rounds of the seed's stored hashes, so that hashing dominates a
/// login and a real check and the decoy check cost the same.
/// </summary>
public sealed class TimingServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override IEnumerable<string> Settings => ["Sublet:Passwords:Iterations=29000"];
}
