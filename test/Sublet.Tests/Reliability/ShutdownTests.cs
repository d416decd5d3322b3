using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sublet.Tests.Reliability;

/// <summary>Stopping the server lets requests in flight finish, within the configured shutdown timeout.</summary>
public sealed class ShutdownTests(ShutdownServerFixture server) : IClassFixture<ShutdownServerFixture>
{
    [Fact]
    public async Task A_request_in_flight_completes_while_the_server_stops()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Assert.Equal(
            TimeSpan.FromSeconds(ShutdownServerFixture.ShutdownTimeoutSeconds),
            server.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);

        using var company1 = server.Client("company1.localhost");
        var inFlight = company1.GetAsync("/test/hold");
        await server.Entered.Task.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);

        var stopping = server.App.StopAsync(cancellationToken);
        await Task.Delay(200, cancellationToken);
        Assert.False(stopping.IsCompleted, "The server stopped without waiting for the request in flight.");

        server.Release.SetResult();
        var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished", await response.Content.ReadAsStringAsync(cancellationToken));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
    }
}
