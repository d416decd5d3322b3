using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The server allowing three login attempts per tenant and username in ten minutes.</summary>
public sealed class SmallUserLimitServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public const int PerUser = 3;

    protected override IEnumerable<string> Settings =>
        [$"Sublet:LoginLimits:PerUserPermitLimit={PerUser}", "Sublet:LoginLimits:PerUserWindow=00:10:00"];
}
