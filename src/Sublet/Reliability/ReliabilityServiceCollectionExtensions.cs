using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sublet.Diagnostics;
using Sublet.Hosting;

namespace Sublet.Reliability;

/// <summary>Registers the per-tenant limit, the readiness check and Sublet's metrics.</summary>
internal static class ReliabilityServiceCollectionExtensions
{
    public static IServiceCollection AddSubletReliability(this IServiceCollection services)
    {
        services.TryAddSingleton<TenantConcurrencyLimiter>();
        services.TryAddSingleton<RequestBodyGate>();
        services.TryAddSingleton<ReadinessCache>();
        services.AddHealthChecks().AddCheck<SubletReadinessCheck>(SubletReadinessCheck.Name, timeout: SubletReadinessCheck.Timeout);
        services.AddMetrics();
        services.TryAddSingleton(provider => new SubletMetrics(
            provider.GetRequiredService<IMeterFactory>(), provider.GetRequiredService<IOptions<SubletOptions>>().Value.TenantMetricsTag));
        return services;
    }
}
