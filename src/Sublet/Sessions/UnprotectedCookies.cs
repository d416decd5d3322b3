using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;

namespace Sublet.Sessions;

/// <summary>The session cookies unprotected lately, each with the ticket that holds its session id.</summary>
internal sealed class UnprotectedCookies : IDisposable
{
    /// <summary>
    /// Also how long a cookie protected with a Data Protection key that has since been revoked keeps working;
    /// revoking the session itself is immediate.
    /// </summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private const int MaxEntries = 50_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public AuthenticationTicket? Find(string protectedText) =>
        _entries.TryGetValue(protectedText, out AuthenticationTicket? ticket) ? ticket : null;

    public AuthenticationTicket? Keep(string protectedText, AuthenticationTicket? ticket)
    {
        if (ticket is not null)
        {
            _entries.Set(protectedText, ticket, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime, Size = 1 });
        }

        return ticket;
    }

    public void Dispose() => _entries.Dispose();
}
