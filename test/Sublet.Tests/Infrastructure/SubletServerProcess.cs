using Sublet.Testing;

namespace Sublet.Tests.Infrastructure;

/// <summary>The built server, <c>Sublet.Server.dll</c> beside the tests, as a <see cref="ServerProcess"/>.</summary>
internal static class SubletServerProcess
{
    /// <summary>Starts the server on <paramref name="connectionString"/> and waits until <c>/readyz</c> answers 200.</summary>
    public static Task<ServerProcess> StartAsync(string connectionString, IEnumerable<string> settings, TimeSpan limit, CancellationToken cancellationToken) =>
        ServerProcess.StartAsync(
            Path.Combine(AppContext.BaseDirectory, "Sublet.Server.dll"),
            connectionString,
            settings,
            limit,
            cancellationToken,
            readyPath: "/readyz",
            workingDirectory: AppContext.BaseDirectory);

    /// <summary>A client of <paramref name="server"/> that sends <c>Host: &lt;host&gt;:&lt;port&gt;</c>.</summary>
    public static HostClient Client(this ServerProcess server, string host) => new(server.Address, $"{host}:{server.Port}");
}
