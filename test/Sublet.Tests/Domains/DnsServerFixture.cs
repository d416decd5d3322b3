using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Domains;

/// <summary>The server checking TXT records against dnsmasq on a loopback port, and looking pending domains up every second.</summary>
public sealed class DnsServerFixture(PostgresCluster cluster) : DomainServerFixture(cluster)
{
    public Dnsmasq Dns { get; } = new();

    protected override IEnumerable<string> Settings =>
        [.. base.Settings, $"Sublet:Domains:DnsServer={Dns.Server}", "Sublet:Domains:VerificationInterval=00:00:01"];

    public override async ValueTask InitializeAsync()
    {
        await Dns.ServeAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Dns.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
