using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sublet.Diagnostics;
using Sublet.Server;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary>Request metrics and Sublet's own counters name the tenant; the exporter stays off unless configured.</summary>
public sealed class TelemetryTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    internal const string RequestDuration = "http.server.request.duration";
    internal const string LoginFailures = "sublet.login.failures";

    [Fact]
    public async Task Request_durations_and_login_failures_carry_the_tenant()
    {
        using var recorded = new RecordedMeasurements(server.Services, RequestDuration, LoginFailures);
        using var company2 = server.Client("company2.localhost");
        var login = await company2.PostFormAsync("/login", ("uname", "user_2"), ("passwd", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        Assert.Equal("company2", (await recorded.SingleAsync(RequestDuration))[SubletMetrics.TenantTag]);
        var failure = await recorded.SingleAsync(LoginFailures);
        Assert.Equal("company2", failure[SubletMetrics.TenantTag]);
        Assert.Equal("credentials", failure["reason"]);
    }

    [Fact]
    public async Task OpenTelemetry_is_off_by_default_and_on_with_an_otlp_endpoint()
    {
        Assert.Null(server.Services.GetService<MeterProvider>());
        Assert.Null(server.Services.GetService<TracerProvider>());

        await using var exporting = ServerApp.Build(
        [
            $"--ConnectionStrings:Sublet={server.ConnectionString}",
            "--Sublet:ServerName=localhost",
            "--OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317",
        ]);
        Assert.NotNull(exporting.Services.GetService<MeterProvider>());
        Assert.NotNull(exporting.Services.GetService<TracerProvider>());
    }
}
