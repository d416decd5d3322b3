using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Sublet.Sessions;

namespace Sublet.Tests.Unit;

public sealed class HostPrefixCookieManagerTests
{
    [Fact]
    public void Over_https_the_cookie_gets_the_host_prefix_and_is_secure_host_only_and_path_root()
    {
        var context = Context("https");
        new HostPrefixCookieManager().AppendResponseCookie(context, "sublet_session", "id", new CookieOptions { HttpOnly = true, SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax, Path = "/app", Domain = "example.com" });

        var cookie = SetCookieHeaderValue.Parse(context.Response.Headers.SetCookie.ToString());
        Assert.Equal("__Host-sublet_session", cookie.Name.ToString());
        Assert.True(cookie.Secure);
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/", cookie.Path.ToString());
        Assert.Null(cookie.Domain.Value);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
    }

    [Fact]
    public void Over_http_the_cookie_keeps_its_plain_name()
    {
        var context = Context("http");
        new HostPrefixCookieManager().AppendResponseCookie(context, "sublet_session", "id", new CookieOptions());

        Assert.StartsWith("sublet_session=id", context.Response.Headers.SetCookie.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https", "__Host-sublet_session=from-https", "from-https")]
    [InlineData("https", "sublet_session=unprefixed", null)]
    [InlineData("http", "sublet_session=plain", "plain")]
    public void Over_https_only_the_prefixed_cookie_is_read(string scheme, string cookieHeader, string? expected)
    {
        var context = Context(scheme);
        context.Request.Headers.Cookie = cookieHeader;

        Assert.Equal(expected, new HostPrefixCookieManager().GetRequestCookie(context, "sublet_session"));
    }

    private static DefaultHttpContext Context(string scheme)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        return context;
    }
}
