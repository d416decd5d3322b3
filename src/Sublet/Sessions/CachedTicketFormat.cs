using Microsoft.AspNetCore.Authentication;

namespace Sublet.Sessions;

/// <summary>
/// Unprotects each distinct session cookie once a minute instead of on every request. The cookie holds only the
/// session id, and whether that session still lives is the store's decision on every request (revocation stays
/// immediate), so what the cache saves is the decryption and MAC check of the same bytes again. Cookies that fail
/// to unprotect are not kept, so a client cannot fill the cache with made-up ones.
/// </summary>
internal sealed class CachedTicketFormat(ISecureDataFormat<AuthenticationTicket> inner, UnprotectedCookies cache) : ISecureDataFormat<AuthenticationTicket>
{
    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        return cache.Find(protectedText) ?? cache.Keep(protectedText, inner.Unprotect(protectedText));
    }
}
