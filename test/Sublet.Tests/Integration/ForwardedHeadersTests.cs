using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// <c>X-Forwarded-*</c> headers pick the tenant, the scheme and the client address only when a trusted proxy
/// sent them; from anyone else they are ignored, since any client can write them.
/// </summary>
public sealed class ForwardedHeadersTests(TrustedProxyServerFixture server) : IClassFixture<TrustedProxyServerFixture>
{
    private static readonly IPAddress Untrusted = IPAddress.Loopback;

    [Fact]
    public async Task A_forwarded_host_from_an_untrusted_address_is_ignored()
    {
        using var client = server.ClientFrom(Untrusted, "company1.localhost");
        (string, string)[] spoofed = [("X-Forwarded-Host", "company2.localhost")];

        var asCompany2User = await LoginAsync(client, "user_2", spoofed);
        Assert.Equal(HttpStatusCode.Unauthorized, asCompany2User.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "user_1", spoofed)).StatusCode);
        var data = await client.SendAsync(HttpMethod.Get, "/data", headers: spoofed);

        await HostClient.AssertOnlyRowsOfAsync(data, "company 1 data", "company 2 data");
    }

    [Fact]
    public async Task A_forwarded_host_from_a_trusted_proxy_picks_the_tenant()
    {
        using var client = server.ClientFrom(TrustedProxyServerFixture.Proxy, "company1.localhost");
        (string, string)[] forwarded = [("X-Forwarded-Host", "company2.localhost")];

        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(client, "user_2", forwarded)).StatusCode);
        var data = await client.SendAsync(HttpMethod.Get, "/data", headers: forwarded);

        await HostClient.AssertOnlyRowsOfAsync(data, "company 2 data", "company 1 data");
        // Without the header the same cookie arrives on company1's host, which did not issue it.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/data")).StatusCode);
    }

    [Theory]
    [InlineData(true, "__Host-", true)]
    [InlineData(false, "", false)]
    public async Task Https_forwarded_by_a_trusted_proxy_gets_the_secure_host_prefixed_cookie(bool fromProxy, string prefix, bool secure)
    {
        using var client = server.ClientFrom(fromProxy ? TrustedProxyServerFixture.Proxy : Untrusted, "company1.localhost");

        var response = await LoginAsync(client, "user_1", [("X-Forwarded-Proto", "https")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(prefix + "sublet", cookie, StringComparison.Ordinal);
        Assert.Equal(secure, cookie.Contains("; secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Login_limits_count_the_forwarded_client_address_behind_a_trusted_proxy()
    {
        using var proxy = server.ClientFrom(TrustedProxyServerFixture.Proxy, "company1.localhost");
        for (var attempt = 0; attempt < TrustedProxyServerFixture.PerAddress; attempt++)
        {
            var guess = await LoginAsync(proxy, "user_1", [("X-Forwarded-For", "198.51.100.1")], password: "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        var sameClient = await LoginAsync(proxy, "user_1", [("X-Forwarded-For", "198.51.100.1")]);
        var otherClient = await LoginAsync(proxy, "user_1", [("X-Forwarded-For", "198.51.100.2")]);

        Assert.Equal(HttpStatusCode.TooManyRequests, sameClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task Login_limits_ignore_a_forwarded_client_address_from_an_untrusted_address()
    {
        using var client = server.ClientFrom(IPAddress.Parse("127.0.0.3"), "company1.localhost");
        for (var attempt = 0; attempt < TrustedProxyServerFixture.PerAddress; attempt++)
        {
            var guess = await LoginAsync(client, "user_1", [("X-Forwarded-For", $"203.0.113.{attempt + 1}")], password: "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, guess.StatusCode);
        }

        var rotated = await LoginAsync(client, "user_1", [("X-Forwarded-For", "203.0.113.200")]);

        Assert.Equal(HttpStatusCode.TooManyRequests, rotated.StatusCode);
    }

    private static async Task<HttpResponseMessage> LoginAsync(HostClient client, string user, (string, string)[] headers, string password = "foo")
    {
        var form = new FormUrlEncodedContent([KeyValuePair.Create("uname", user), KeyValuePair.Create("passwd", password)]);
        var response = await client.SendAsync(HttpMethod.Post, "/login", form, headers: headers);
        if (response.IsSuccessStatusCode && response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            client.Cookie = cookies.First().Split(';')[0];
        }

        return response;
    }
}
