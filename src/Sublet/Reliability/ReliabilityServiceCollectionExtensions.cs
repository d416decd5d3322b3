using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sublet.Diagnostics;
using Sublet.Core;

namespace Sublet.Reliability;

/// <summary>Registers the per-tenant limit, the readiness checks and Sublet's metrics.</summary>
internal static class ReliabilityServiceCollectionExtensions
{
    public static IServiceCollection AddSubletReliability(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantConcurrencyLimiter>();
        services.TryAddSingleton<RequestBodyGate>();
        services.AddHealthChecks()
            .AddCheck<SubletReadinessCheck>(SubletReadinessCheck.Name, timeout: SubletReadinessCheck.Timeout)
            // Degraded even when it fails outright or times out: readiness answers 200 while the central database does.
            .AddCheck<ShardHealthCheck>(ShardHealthCheck.Name, failureStatus: Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, timeout: SubletReadinessCheck.Timeout);
        services.AddMetrics();
        services.TryAddSingleton(provider => new SubletMetrics(
            provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<IOptions<SubletOptions>>().Value.TenantMetricsTag));
        return services;
    }
}
