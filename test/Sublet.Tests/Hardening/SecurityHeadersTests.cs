using System.Net;
using Sublet.Tests.Integration;

namespace Sublet.Tests.Hardening;

/// <summary>Responses that depend on a session are never stored by shared caches; every response carries nosniff and a referrer policy.</summary>
public sealed class SecurityHeadersTests(TrustedProxyServerFixture server) : IClassFixture<TrustedProxyServerFixture>
{
    [Fact]
    public async Task Signed_in_data_and_the_login_answer_are_no_store_with_nosniff_and_a_referrer_policy()
    {
        using var company1 = server.Client("company1.localhost");
        var login = await company1.LoginAsync("user_1");
        var data = await company1.GetAsync("/data");

        foreach (var response in new[] { login, data })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.CacheControl?.NoStore, response.Headers.CacheControl?.ToString());
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }
    }

    [Fact]
    public async Task Static_files_keep_their_own_caching_and_get_nosniff()
    {
        using var company1 = server.Client("company1.localhost");
        company1.Cookie = "ignored=1";
        var response = await company1.GetAsync("/static/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(true, response.Headers.CacheControl?.NoStore);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Https_through_a_trusted_proxy_gets_strict_transport_security()
    {
        using var proxy = server.ClientFrom(TrustedProxyServerFixture.Proxy, "company1.localhost");
        var response = await proxy.SendAsync(HttpMethod.Get, "/", headers: [("X-Forwarded-Proto", "https")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }
}
