using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Domains;

/// <summary>
/// A custom domain at the request edge: sessions stay on the host they began on, the cross-origin check treats the
/// tenant's own hosts as one origin and every other tenant's as foreign, and the TLS proxy's question is answered.
/// </summary>
public sealed class CustomDomainEdgeTests(DomainServerFixture server) : IClassFixture<DomainServerFixture>, IAsyncLifetime
{
    private const string Own = "app.acme-corp.test";
    private const string Others = "notes.other-corp.test";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private int Port => server.Address.Port;

    public async ValueTask InitializeAsync()
    {
        if ((await server.Domains.ListAsync("company1", Token)).Count == 0)
        {
            await server.Domains.AddAsync("company1", Own, cancellationToken: Token);
            await server.Domains.AddAsync("company2", Others, cancellationToken: Token);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_session_from_the_subdomain_is_refused_on_the_custom_domain_and_the_other_way_round()
    {
        using var subdomain = server.Client("company1.localhost");
        using var custom = server.Client(Own);
        await subdomain.LoginAsync("user_1");
        await custom.LoginAsync("user_1");
        Assert.Equal(HttpStatusCode.OK, (await subdomain.GetAsync("/data")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await custom.GetAsync("/data")).StatusCode);

        var fromSubdomain = subdomain.Cookie;
        subdomain.Cookie = custom.Cookie;
        custom.Cookie = fromSubdomain;

        Assert.Equal(HttpStatusCode.Unauthorized, (await subdomain.GetAsync("/data")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await custom.GetAsync("/data")).StatusCode);
        using var otherTenant = server.Client(Others);
        otherTenant.Cookie = fromSubdomain;
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherTenant.GetAsync("/data")).StatusCode);
    }

    [Theory]
    [InlineData("app.acme-corp.test")]
    [InlineData("APP.Acme-Corp.Test.")]
    [InlineData("company1.localhost")]
    public async Task The_session_cookie_never_carries_a_domain_attribute(string host)
    {
        using var client = server.Client(host);

        var login = await client.LoginAsync("user_1");

        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    // Origin only, as older browsers send it.
    [InlineData(Own, "http://app.acme-corp.test:{0}", null, HttpStatusCode.OK)]
    [InlineData(Own, "http://company1.localhost:{0}", null, HttpStatusCode.OK)]
    [InlineData("company1.localhost", "http://app.acme-corp.test:{0}", null, HttpStatusCode.OK)]
    [InlineData(Own, "http://notes.other-corp.test:{0}", null, HttpStatusCode.Forbidden)]
    [InlineData(Own, "http://company2.localhost:{0}", null, HttpStatusCode.Forbidden)]
    [InlineData("company1.localhost", "http://notes.other-corp.test:{0}", null, HttpStatusCode.Forbidden)]
    [InlineData(Own, "https://app.acme-corp.test:{0}", null, HttpStatusCode.Forbidden)]
    [InlineData(Own, "http://evil.acme-corp.test:{0}", null, HttpStatusCode.Forbidden)]
    [InlineData(Own, "http://company1.localhost:1", null, HttpStatusCode.Forbidden)]
    [InlineData("company1.localhost", "http://app.acme-corp.test", null, HttpStatusCode.Forbidden)]
    [InlineData(Own, "null", null, HttpStatusCode.Forbidden)]
    // Sec-Fetch-Site only.
    [InlineData(Own, null, "same-origin", HttpStatusCode.OK)]
    [InlineData(Own, null, "same-site", HttpStatusCode.Forbidden)]
    [InlineData(Own, null, "cross-site", HttpStatusCode.Forbidden)]
    // Both, as current browsers send them.
    [InlineData(Own, "http://app.acme-corp.test:{0}", "same-origin", HttpStatusCode.OK)]
    [InlineData(Own, "http://company1.localhost:{0}", "cross-site", HttpStatusCode.OK)]
    [InlineData("company1.localhost", "http://app.acme-corp.test:{0}", "cross-site", HttpStatusCode.OK)]
    [InlineData(Own, "http://notes.other-corp.test:{0}", "cross-site", HttpStatusCode.Forbidden)]
    [InlineData(Own, "http://company2.localhost:{0}", "cross-site", HttpStatusCode.Forbidden)]
    [InlineData("company1.localhost", "http://company2.localhost:{0}", "same-site", HttpStatusCode.Forbidden)]
    [InlineData("company1.localhost", "http://notes.other-corp.test:{0}", "cross-site", HttpStatusCode.Forbidden)]
    public async Task A_login_post_passes_from_the_tenants_own_hosts_and_is_refused_from_any_other_tenants(
        string host, string? origin, string? fetchSite, HttpStatusCode expected)
    {
        using var client = server.Client(host);
        var headers = new List<(string, string)>();
        if (origin is not null)
        {
            headers.Add(("Origin", string.Format(System.Globalization.CultureInfo.InvariantCulture, origin, Port)));
        }

        if (fetchSite is not null)
        {
            headers.Add(("Sec-Fetch-Site", fetchSite));
        }

        var response = await client.PostFormWithHeadersAsync("/login", headers, ("uname", "user_1"), ("passwd", "foo"));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK, response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData(Own, HttpStatusCode.OK)]
    [InlineData("APP.acme-corp.test.", HttpStatusCode.OK)]
    [InlineData("company1.localhost", HttpStatusCode.OK)]
    [InlineData("nobody.localhost", HttpStatusCode.NotFound)]
    [InlineData("localhost", HttpStatusCode.NotFound)]
    [InlineData("admin.localhost", HttpStatusCode.NotFound)]
    [InlineData("unknown.acme-corp.test", HttpStatusCode.NotFound)]
    [InlineData("127.0.0.1", HttpStatusCode.NotFound)]
    [InlineData("", HttpStatusCode.NotFound)]
    [InlineData("app.acme-corp.test/x", HttpStatusCode.NotFound)]
    public async Task The_tls_ask_endpoint_allows_only_active_tenants_subdomains_and_custom_domains(string domain, HttpStatusCode expected)
    {
        // Asked as Caddy asks, on whatever host its ask URL names.
        using var proxy = server.Client("127.0.0.1");

        var response = await proxy.GetAsync("/_sublet/tls-ask?domain=" + Uri.EscapeDataString(domain));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task The_tls_ask_endpoint_refuses_a_suspended_tenants_domain_and_a_pending_one()
    {
        await TestTenant.CreateAsync(server, "asked", ["ask"], Token);
        await server.Domains.AddAsync("asked", "app.asked.test", cancellationToken: Token);
        await server.Domains.ClaimAsync("asked", "pending.asked.test", Token);
        using var proxy = server.Client("127.0.0.1");
        Assert.Equal(HttpStatusCode.OK, (await proxy.GetAsync("/_sublet/tls-ask?domain=app.asked.test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await proxy.GetAsync("/_sublet/tls-ask?domain=pending.asked.test")).StatusCode);

        await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Provisioning.ITenantLifecycle>(server.Services).SuspendAsync("asked", Token);

        Assert.Equal(HttpStatusCode.NotFound, (await proxy.GetAsync("/_sublet/tls-ask?domain=app.asked.test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await proxy.GetAsync("/_sublet/tls-ask?domain=asked.localhost")).StatusCode);
    }
}
