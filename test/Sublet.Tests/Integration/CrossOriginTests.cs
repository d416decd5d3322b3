using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// A page on a sibling subdomain is same-site, so its form posts carry the tenant's SameSite=Lax cookie: the
/// browser's Sec-Fetch-Site and Origin headers are what tell the server to refuse them.
/// </summary>
public sealed class CrossOriginTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    // What Chromium sends for a top-level form post from http://evil.localhost:PORT to http://company1.localhost:PORT.
    private (string, string)[] SiblingSubdomainFormPost =>
    [
        ("Origin", $"http://evil.localhost:{server.Address.Port}"),
        ("Sec-Fetch-Site", "same-site"),
        ("Sec-Fetch-Mode", "navigate"),
        ("Sec-Fetch-Dest", "document"),
        ("Sec-Fetch-User", "?1"),
    ];

    // What Chromium sends for a fetch() from the tenant's own page.
    private (string, string)[] SameOriginFetch =>
    [
        ("Origin", $"http://company1.localhost:{server.Address.Port}"),
        ("Sec-Fetch-Site", "same-origin"),
        ("Sec-Fetch-Mode", "cors"),
        ("Sec-Fetch-Dest", "empty"),
    ];

    [Fact]
    public async Task A_form_posted_from_a_sibling_subdomain_is_403_and_signs_nobody_in()
    {
        using var company1 = server.Client("company1.localhost");

        var response = await company1.PostFormWithHeadersAsync("/login", SiblingSubdomainFormPost, ("uname", "user_1"), ("passwd", "foo"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_cross_site_logout_is_403_and_the_session_survives()
    {
        using var company1 = server.Client("company1.localhost");
        await company1.LoginAsync("user_1");

        var response = await company1.PostFormWithHeadersAsync("/logout", [("Origin", "https://attacker.example"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Mode", "navigate")]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await company1.GetAsync("/data")).StatusCode);
    }

    [Fact]
    public async Task A_same_origin_post_from_the_tenants_own_page_passes()
    {
        using var company1 = server.Client("company1.localhost");

        var response = await company1.PostFormWithHeadersAsync("/login", SameOriginFetch, ("uname", "user_1"), ("passwd", "foo"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_post_with_neither_header_passes_as_curl_sends_it()
    {
        using var company1 = server.Client("company1.localhost");
        Assert.Equal(HttpStatusCode.OK, (await company1.PostFormWithHeadersAsync("/login", [], ("uname", "user_1"), ("passwd", "foo"))).StatusCode);
    }

    [Theory]
    [InlineData("http://company2.localhost:{0}", HttpStatusCode.Forbidden)]
    [InlineData("http://localhost:{0}", HttpStatusCode.Forbidden)]
    [InlineData("https://company1.localhost:{0}", HttpStatusCode.Forbidden)]
    [InlineData("http://company1.localhost:1", HttpStatusCode.Forbidden)]
    [InlineData("null", HttpStatusCode.Forbidden)]
    [InlineData("http://company1.localhost:{0}", HttpStatusCode.OK)]
    [InlineData("http://COMPANY1.localhost:{0}", HttpStatusCode.OK)]
    public async Task Without_sec_fetch_site_the_origin_must_be_the_requests_own(string origin, HttpStatusCode expected)
    {
        using var company1 = server.Client("company1.localhost");
        var headers = new[] { ("Origin", string.Format(System.Globalization.CultureInfo.InvariantCulture, origin, server.Address.Port)) };

        var response = await company1.PostFormWithHeadersAsync("/login", headers, ("uname", "user_1"), ("passwd", "foo"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task A_cross_site_get_is_not_refused_by_this_check()
    {
        using var company1 = server.Client("company1.localhost");
        await company1.LoginAsync("user_1");

        var response = await company1.SendAsync(HttpMethod.Get, "/data", headers: SiblingSubdomainFormPost);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("company 1 data", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }
}
