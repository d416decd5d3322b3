using System.Net;
using Sublet.Diagnostics;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary>With <c>Sublet:TenantMetricsTag</c> off, metrics keep one series for all tenants.</summary>
public sealed class UntaggedMetricsTests(UntaggedMetricsServerFixture server) : IClassFixture<UntaggedMetricsServerFixture>
{
    [Fact]
    public async Task Request_durations_and_login_failures_leave_the_tenant_out()
    {
        using var recorded = new RecordedMeasurements(server.Services, TelemetryTests.RequestDuration, TelemetryTests.LoginFailures);
        using var company2 = server.Client("company2.localhost");
        var login = await company2.PostFormAsync("/login", ("uname", "user_2"), ("passwd", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        Assert.DoesNotContain(SubletMetrics.TenantTag, (await recorded.SingleAsync(TelemetryTests.RequestDuration)).Keys);
        var failure = await recorded.SingleAsync(TelemetryTests.LoginFailures);
        Assert.DoesNotContain(SubletMetrics.TenantTag, failure.Keys);
        Assert.Equal("credentials", failure["reason"]);
    }
}
