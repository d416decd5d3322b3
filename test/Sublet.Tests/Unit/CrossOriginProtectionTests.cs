using Microsoft.AspNetCore.Http;
using Sublet.Security;

namespace Sublet.Tests.Unit;

public sealed class CrossOriginProtectionTests
{
    [Theory]
    [InlineData("POST", null, null, true)]
    [InlineData("POST", "same-origin", null, true)]
    [InlineData("POST", "none", null, true)]
    [InlineData("POST", "same-site", null, false)]
    [InlineData("POST", "cross-site", null, false)]
    [InlineData("DELETE", "same-site", "https://acme.example.com", false)]
    [InlineData("PUT", null, "https://evil.example.com", false)]
    [InlineData("PATCH", null, "https://acme.example.com", true)]
    [InlineData("POST", null, "https://acme.example.com:443", true)]
    [InlineData("POST", null, "http://acme.example.com", false)]
    [InlineData("POST", null, "null", false)]
    [InlineData("POST", "same-origin", "https://evil.example.com", true)]
    public void Unsafe_requests_are_judged_by_sec_fetch_site_first_then_origin(string method, string? fetchSite, string? origin, bool allowed)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Scheme = "https";
        context.Request.Headers.Host = "acme.example.com";
        if (fetchSite is not null)
        {
            context.Request.Headers["Sec-Fetch-Site"] = fetchSite;
        }

        if (origin is not null)
        {
            context.Request.Headers.Origin = origin;
        }

        Assert.False(CrossOriginProtectionMiddleware.IsSafe(method));
        Assert.Equal(allowed, CrossOriginProtectionMiddleware.IsSameOrigin(context.Request));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    [InlineData("OPTIONS")]
    public void Safe_methods_are_not_checked(string method) => Assert.True(CrossOriginProtectionMiddleware.IsSafe(method));
}
