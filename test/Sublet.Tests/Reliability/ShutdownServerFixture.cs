using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Reliability;

/// <summary>A server with a set shutdown timeout and an endpoint that stays in flight until the test lets it go.</summary>
public sealed class ShutdownServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public const int ShutdownTimeoutSeconds = 20;

    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override IEnumerable<string> Settings => [$"shutdownTimeoutSeconds={ShutdownTimeoutSeconds}"];

    protected override void Configure(WebApplication app) =>
        app.MapGet("/test/hold", async () =>
        {
            Entered.TrySetResult();
            await Release.Task;
            return Results.Text("finished");
        }).RequireTenant();
}
