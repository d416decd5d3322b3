using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Sublet.Hosting;

namespace Sublet.Reliability;

/// <summary>
/// One concurrency limiter per tenant slug, so a tenant flooding the server queues behind its own requests
/// while the other tenants' requests go straight through, and the pool cannot be drained by one tenant.
/// </summary>
internal sealed class TenantConcurrencyLimiter : IDisposable
{
    public TenantConcurrencyLimiter(IOptions<SubletOptions> options)
    {
        var limits = options.Value.Limits;
        if (limits.ConcurrentRequestsPerTenant <= 0)
        {
            return;
        }

        var perTenant = new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.ConcurrentRequestsPerTenant,
            QueueLimit = limits.QueuedRequestsPerTenant,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        };
        Limiter = PartitionedRateLimiter.Create<string, string>(
            slug => RateLimitPartition.GetConcurrencyLimiter(slug, _ => perTenant),
            StringComparer.Ordinal);
    }

    /// <summary>The limiter keyed by tenant slug, or null when <c>Sublet:Limits:ConcurrentRequestsPerTenant</c> is 0.</summary>
    public PartitionedRateLimiter<string>? Limiter { get; }

    public void Dispose() => Limiter?.Dispose();
}
