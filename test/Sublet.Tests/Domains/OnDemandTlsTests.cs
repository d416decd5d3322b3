using System.Net;
using System.Security.Authentication;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Domains;

/// <summary>
/// Caddy gets a certificate for a name only when the server says it is an active tenant's: a tenant's custom domain
/// then serves the tenant over HTTPS, and a name no tenant has (or no longer has) gets no certificate at all.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class OnDemandTlsTests(CaddyServerFixture server) : IClassFixture<CaddyServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_known_domain_gets_a_certificate_and_serves_its_tenants_data_after_login_over_https()
    {
        var tenant = await TestTenant.CreateAsync(server, "secure", ["sue"], Token);
        await server.Domains.AddAsync("secure", "app.secure.test", cancellationToken: Token);
        using var client = server.Caddy.ClientFor("app.secure.test");

        var login = await client.PostAsync("/login", new FormUrlEncodedContent([new("uname", "sue"), new("passwd", "foo")]), Token);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        // Sublet saw HTTPS through the proxy's forwarded headers: the cookie is Secure and __Host- prefixed.
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        await HostClient.AssertOnlyRowsOfAsync(await client.GetAsync("/data", Token), tenant.DataRow, "company 1 data");
        using var subdomain = server.Caddy.ClientFor("secure.localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, (await subdomain.GetAsync("/data", Token)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_domain_gets_no_certificate()
    {
        using var client = server.Caddy.ClientFor("unknown.secure.test");

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("/", Token));

        Assert.True(failure.InnerException is AuthenticationException or IOException, failure.ToString());
    }

    [Fact]
    public async Task A_removed_domain_gets_no_certificate_when_caddy_asks_again()
    {
        await TestTenant.CreateAsync(server, "gone", ["gil"], Token);
        await server.Domains.AddAsync("gone", "app.gone.test", cancellationToken: Token);
        await server.Domains.AddAsync("gone", "old.gone.test", cancellationToken: Token);
        using (var before = server.Caddy.ClientFor("app.gone.test"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await before.GetAsync("/data", Token)).StatusCode);
        }

        await server.Domains.RemoveAsync("gone", "old.gone.test", Token);
        await server.Domains.RemoveAsync("gone", "app.gone.test", Token);

        using var never = server.Caddy.ClientFor("old.gone.test");
        await Assert.ThrowsAsync<HttpRequestException>(() => never.GetAsync("/", Token));
        // A certificate issued before stays in Caddy's storage until it expires; the server no longer serves the name.
        using var after = server.Caddy.ClientFor("app.gone.test");
        Assert.Equal(HttpStatusCode.NotFound, (await after.GetAsync("/data", Token)).StatusCode);
    }
}
