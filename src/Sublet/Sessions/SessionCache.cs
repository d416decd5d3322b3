using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Sessions;

/// <summary>
/// Sessions recently read from <c>sublet.session</c>, so most authenticated requests cost no session round trip.
/// It stays correct with revocation because every delete or ticket change of a session row notifies (central
/// migration 0005) and evicts it here, in every server; while the notification connection is down the cache
/// is not used, and it restarts empty. An entry also never outlives the row's expiry or a short freshness
/// window, after which the row is read (and its idle expiry slid) again.
/// </summary>
internal sealed class SessionCache(IOptions<TenantSessionOptions> options) : IChangeNotificationHandler, IDisposable
{
    /// <summary>
    /// How long a read session is trusted without asking the database: half the touch interval, so a session in
    /// use is read, and its idle expiry slid, in time. With many sessions this sets the rate of session reads.
    /// </summary>
    public TimeSpan Freshness { get; } = options.Value.TouchInterval / 2;

    private const int MaxEntries = 100_000;

    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });
    private volatile bool _listening;
    private long _evictions;

    public string Channel => "sublet_session";

    /// <summary>A copy of the cached ticket of the session <paramref name="idHash"/>, if it belongs to <paramref name="tenant"/>.</summary>
    public AuthenticationTicket? Find(string idHash, string tenant)
    {
        if (!_listening || !_entries.TryGetValue(idHash, out Entry? entry) || entry is null)
        {
            return null;
        }

        // The handler may change the ticket it gets (e.g. sliding its expiry): never hand out the cached one.
        return string.Equals(entry.Tenant, tenant, StringComparison.Ordinal) ? entry.Ticket.Clone() : null;
    }

    /// <summary>Take this before reading a row, and give it to <see cref="Add"/>.</summary>
    public long Version => Interlocked.Read(ref _evictions);

    /// <summary>
    /// Caches a session just read from its row, until <paramref name="rowExpiresAt"/> at the latest; not if anything
    /// was evicted since <paramref name="versionBeforeRead"/>, as that may have been this very session's revocation.
    /// </summary>
    public void Add(string idHash, string tenant, AuthenticationTicket ticket, DateTimeOffset rowExpiresAt, long versionBeforeRead)
    {
        if (!_listening || Version != versionBeforeRead)
        {
            return;
        }

        var until = DateTimeOffset.UtcNow + Freshness;
        _entries.Set(idHash, new Entry(tenant, ticket.Clone()), new MemoryCacheEntryOptions
        {
            AbsoluteExpiration = until < rowExpiresAt ? until : rowExpiresAt,
            Size = 1,
        });

        // An eviction between the check above and the store must still win.
        if (Version != versionBeforeRead)
        {
            _entries.Remove(idHash);
        }
    }

    public void Evict(string idHash)
    {
        Interlocked.Increment(ref _evictions);
        _entries.Remove(idHash);
    }

    public Task OnListeningAsync(CancellationToken cancellationToken)
    {
        Clear();
        _listening = true;
        return Task.CompletedTask;
    }

    public Task OnNotifiedAsync(IReadOnlyList<string> payloads, CancellationToken cancellationToken)
    {
        foreach (var idHash in payloads)
        {
            if (idHash == "*")
            {
                Clear();
                break;
            }

            Evict(idHash);
        }

        return Task.CompletedTask;
    }

    public void OnDisconnected()
    {
        _listening = false;
        Clear();
    }

    public void Dispose() => _entries.Dispose();

    private void Clear()
    {
        Interlocked.Increment(ref _evictions);
        _entries.Clear();
    }

    private sealed record Entry(string Tenant, AuthenticationTicket Ticket);
}
