using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// The server hashing with 150,000 rounds, so that hashing (tens of milliseconds) dominates a login and
/// scheduling noise of a few milliseconds cannot decide the comparison.
/// </summary>
public sealed class TimingServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override IEnumerable<string> Settings => ["Sublet:Passwords:Iterations=150000"];
}
