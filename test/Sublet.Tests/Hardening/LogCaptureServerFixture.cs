using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Hardening;

/// <summary>The server, with what it logs at Warning and above kept for the test to count.</summary>
public sealed class LogCaptureServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public CapturedLog Log { get; } = new();

    protected override void Configure(WebApplication app) =>
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(Log);
}
