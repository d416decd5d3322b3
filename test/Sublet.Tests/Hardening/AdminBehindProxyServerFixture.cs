using System.Net;
using Sublet.Tests.Infrastructure;
using Sublet.Tests.Integration;

namespace Sublet.Tests.Hardening;

/// <summary>The admin API on, behind one trusted reverse proxy at <c>127.0.0.2</c>, which tells the client's address and scheme.</summary>
public class AdminBehindProxyServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.2");

    protected override IEnumerable<string> Settings =>
    [
        $"Sublet:AdminToken={AdminTokenServerFixture.Token}",
        $"Sublet:ForwardedHeaders:KnownProxies:0={Proxy}",
    ];

    /// <summary>A client of the central host connecting through the proxy.</summary>
    public HostClient ThroughProxy() => new(Address, $"localhost:{Address.Port}", Proxy);
}
