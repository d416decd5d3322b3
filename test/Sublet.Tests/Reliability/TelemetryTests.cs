using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
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
    private const string RequestDuration = "http.server.request.duration";
    private const string LoginFailures = "sublet.login.failures";

    [Fact]
    public async Task Request_durations_and_login_failures_carry_the_tenant()
    {
        var measurements = new ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)>();
        var meterFactory = server.Services.GetRequiredService<IMeterFactory>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, subscriber) =>
        {
            // Only this server's meters: other test classes run servers in this process too.
            if (instrument.Meter.Scope == meterFactory && instrument.Name is RequestDuration or LoginFailures)
            {
                subscriber.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, ToDictionary(tags))));
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) => measurements.Enqueue((instrument.Name, ToDictionary(tags))));
        listener.Start();

        using var company2 = server.Client("company2.localhost");
        var login = await company2.PostFormAsync("/login", ("uname", "user_2"), ("passwd", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);

        // The duration is recorded as the request ends, a moment after the client has its response.
        for (var attempt = 0; attempt < 100 && !measurements.Any(m => m.Instrument == RequestDuration); attempt++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        var duration = Assert.Single(measurements, m => m.Instrument == RequestDuration);
        Assert.Equal("company2", duration.Tags[SubletMetrics.TenantTag]);
        var failure = Assert.Single(measurements, m => m.Instrument == LoginFailures);
        Assert.Equal("company2", failure.Tags[SubletMetrics.TenantTag]);
        Assert.Equal("credentials", failure.Tags["reason"]);
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

    private static Dictionary<string, object?> ToDictionary(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dictionary = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            dictionary[key] = value;
        }

        return dictionary;
    }
}
