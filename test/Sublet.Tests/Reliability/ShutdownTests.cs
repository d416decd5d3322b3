using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sublet.Tests.Infrastructure;

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
        // Kestrel closes its listener first, then waits for the requests in flight: once a new connection is
        // refused, the server has reached the wait.
        await Poll.UntilAsync(async () => !await AcceptsConnectionsAsync(cancellationToken), TimeSpan.FromSeconds(10), cancellationToken: cancellationToken);
        Assert.False(stopping.IsCompleted, "The server stopped without waiting for the request in flight.");

        server.Release.SetResult();
        var response = await inFlight.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finished", await response.Content.ReadAsStringAsync(cancellationToken));
        await stopping.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
    }

    private async Task<bool> AcceptsConnectionsAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(server.Address.Host, server.Address.Port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
