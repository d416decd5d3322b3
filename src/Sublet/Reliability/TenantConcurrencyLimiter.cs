using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Reliability;

/// <summary>
/// One concurrency limiter per tenant slug, so a tenant flooding the server queues behind its own requests
/// while the other tenants' requests go straight through, and the pool cannot be drained by one tenant.
/// </summary>
/// <remarks>
/// Not <c>PartitionedRateLimiter</c>: its timer walks every partition ten times a second, a cost that grows with
/// the number of busy tenants, and a concurrency limiter has nothing to replenish. An entry is a few hundred
/// bytes and there is at most one per tenant this server has served, so none is ever removed.
/// </remarks>
internal sealed class TenantConcurrencyLimiter : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly ConcurrencyLimiterOptions? _perTenant;

    public TenantConcurrencyLimiter(IOptions<LimitOptions> options)
    {
        var limits = options.Value;
        if (limits.ConcurrentRequestsPerTenant > 0)
        {
            _perTenant = new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.ConcurrentRequestsPerTenant,
                QueueLimit = limits.QueuedRequestsPerTenant,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            };
        }
    }

    /// <summary>The limiter of the tenant <paramref name="slug"/>, or null when <c>Sublet:Limits:ConcurrentRequestsPerTenant</c> is 0.</summary>
    public RateLimiter? For(string slug) =>
        _perTenant is null ? null : _limiters.GetOrAdd(slug, static (_, options) => new ConcurrencyLimiter(options), _perTenant);

    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
