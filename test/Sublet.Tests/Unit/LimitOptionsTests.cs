using Sublet.Core;

namespace Sublet.Tests.Unit;

public sealed class LimitOptionsTests
{
    [Theory]
    [InlineData(32, 16, true)]
    [InlineData(0, 0, true)]
    [InlineData(-1, 16, false)]
    [InlineData(32, -1, false)]
    public void Negative_limits_are_refused_at_start(int concurrent, int queued, bool valid)
    {
        var options = new LimitOptions { ConcurrentRequestsPerTenant = concurrent, QueuedRequestsPerTenant = queued };
        Assert.Equal(valid, new LimitOptionsValidator().Validate(null, options).Succeeded);
    }
}
