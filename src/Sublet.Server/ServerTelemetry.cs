using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sublet.Diagnostics;

namespace Sublet.Server;

/// <summary>OpenTelemetry metrics and traces over OTLP, on only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
internal static class ServerTelemetry
{
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Request metrics and traces (tagged with the tenant), Npgsql's own, and the <c>Sublet</c> meter, exported to
    /// the endpoint. With no collector there is nothing to pay for: nothing is recorded.
    /// </summary>
    public static void AddServerTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(SubletMetrics.MeterName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddNpgsql())
            .UseOtlpExporter();
    }
}
