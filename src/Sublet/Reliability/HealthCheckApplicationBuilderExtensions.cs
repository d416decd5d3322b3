using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Sublet.Reliability;

/// <summary>Sublet's liveness and readiness endpoints.</summary>
internal static class HealthCheckApplicationBuilderExtensions
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    /// <summary>
    /// Path-based rather than routed endpoints: they run before host resolution, so a probe that sends the pod's
    /// address, or any host at all, is answered rather than refused as an unknown host.
    /// </summary>
    public static IApplicationBuilder UseSubletHealthChecks(this IApplicationBuilder app) =>
        app.UseHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false })
            .UseHealthChecks(ReadinessPath);
}
