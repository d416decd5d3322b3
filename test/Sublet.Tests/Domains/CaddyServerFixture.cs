using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Domains;

/// <summary>The server behind a real Caddy with on-demand TLS, trusting its forwarded headers from loopback.</summary>
public sealed class CaddyServerFixture(PostgresCluster cluster) : DomainServerFixture(cluster)
{
    public Caddy Caddy { get; } = new();

    protected override IEnumerable<string> Settings => [.. base.Settings, "Sublet:ForwardedHeaders:KnownProxies:0=127.0.0.1"];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Caddy.StartAsync(Address.Port, "/_sublet/tls-ask");
    }

    public override async ValueTask DisposeAsync()
    {
        await Caddy.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
