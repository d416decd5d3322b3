using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// The server trusting one reverse proxy, <c>127.0.0.2</c>; clients connecting from <c>127.0.0.1</c> or
/// <c>127.0.0.3</c> are not proxies. Five login attempts per client address in ten minutes.
/// </summary>
public sealed class TrustedProxyServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public const int PerAddress = 5;

    public static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.2");

    protected override IEnumerable<string> Settings =>
    [
        $"Sublet:ForwardedHeaders:KnownProxies:0={Proxy}",
        $"Sublet:LoginLimits:PerAddressPermitLimit={PerAddress}",
        "Sublet:LoginLimits:PerAddressWindow=00:10:00",
    ];

    /// <summary>A client that connects from <paramref name="from"/> and sends <c>Host: &lt;host&gt;:&lt;port&gt;</c>.</summary>
    public HostClient ClientFrom(IPAddress from, string host) => new(Address, $"{host}:{Address.Port}", from);
}
