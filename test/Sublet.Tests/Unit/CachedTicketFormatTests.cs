using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Sublet.Sessions;

namespace Sublet.Tests.Unit;

public sealed class CachedTicketFormatTests
{
    [Fact]
    public void A_cookie_is_unprotected_once_and_then_served_from_memory()
    {
        var inner = new CountingFormat();
        using var cache = new UnprotectedCookies();
        var format = new CachedTicketFormat(inner, cache);

        var first = format.Unprotect("good");
        var second = format.Unprotect("good");

        Assert.Equal("session-1", first?.Principal.FindFirst("sid")?.Value);
        Assert.Same(first, second);
        Assert.Equal(1, inner.Calls);
    }

    [Fact]
    public void A_cookie_that_fails_is_asked_again_every_time_and_never_kept()
    {
        var inner = new CountingFormat();
        using var cache = new UnprotectedCookies();
        var format = new CachedTicketFormat(inner, cache);

        Assert.Null(format.Unprotect("tampered"));
        Assert.Null(format.Unprotect("tampered"));
        Assert.Equal(2, inner.Calls);
        Assert.Null(cache.Find("tampered"));
    }

    [Fact]
    public void A_purpose_bound_cookie_bypasses_the_cache()
    {
        var inner = new CountingFormat();
        using var cache = new UnprotectedCookies();
        var format = new CachedTicketFormat(inner, cache);

        format.Unprotect("good", "tls-binding");
        format.Unprotect("good", "tls-binding");
        Assert.Equal(2, inner.Calls);
    }

    /// <summary>Unprotects "good" to a ticket holding a session id, anything else to nothing; counts its calls.</summary>
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        public int Calls { get; private set; }

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Calls++;
            return protectedText == "good"
                ? new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sid", "session-1")], "test")), "test")
                : null;
        }
    }
}
