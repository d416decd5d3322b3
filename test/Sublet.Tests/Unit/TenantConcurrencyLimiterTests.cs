using Microsoft.Extensions.Options;
using Sublet.Reliability;
using Sublet.Core;

namespace Sublet.Tests.Unit;

public sealed class TenantConcurrencyLimiterTests
{
    [Fact]
    public void A_tenant_at_its_limit_and_queue_is_refused_while_another_tenant_is_not()
    {
        using var limiter = Limiter(concurrent: 2, queued: 0);

        using var first = limiter.For("acme")!.AttemptAcquire();
        using var second = limiter.For("acme")!.AttemptAcquire();
        using var third = limiter.For("acme")!.AttemptAcquire();
        using var other = limiter.For("globex")!.AttemptAcquire();

        Assert.True(first.IsAcquired);
        Assert.True(second.IsAcquired);
        Assert.False(third.IsAcquired);
        Assert.True(other.IsAcquired);
    }

    [Fact]
    public void A_permit_given_back_lets_the_next_request_of_that_tenant_in()
    {
        using var limiter = Limiter(concurrent: 1, queued: 0);

        limiter.For("acme")!.AttemptAcquire().Dispose();
        using var next = limiter.For("acme")!.AttemptAcquire();

        Assert.True(next.IsAcquired);
    }

    [Fact]
    public void No_limiter_when_the_limit_is_off() =>
        Assert.Null(Limiter(concurrent: 0, queued: 0).For("acme"));

    private static TenantConcurrencyLimiter Limiter(int concurrent, int queued) =>
        new(Options.Create(new LimitOptions { ConcurrentRequestsPerTenant = concurrent, QueuedRequestsPerTenant = queued }));
}
