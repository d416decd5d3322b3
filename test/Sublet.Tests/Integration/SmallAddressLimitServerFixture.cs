using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The server allowing five login attempts per client address in ten minutes.</summary>
public sealed class SmallAddressLimitServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public const int PerAddress = 5;

    protected override IEnumerable<string> Settings =>
        [$"Sublet:LoginLimits:PerAddressPermitLimit={PerAddress}", "Sublet:LoginLimits:PerAddressWindow=00:10:00"];
}
