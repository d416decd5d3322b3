using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Hardening;

/// <summary>
/// The server hashing with 100,000 rounds (tens of milliseconds of CPU per login, a sixth of the default) so that a
/// flood of a few seconds is real CPU work without making the test slow; the default hashing slots and queue.
/// </summary>
public sealed class LoginFloodServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    protected override IEnumerable<string> Settings => ["Sublet:Passwords:Iterations=100000"];
}
