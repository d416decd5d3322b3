using Microsoft.Extensions.Hosting;
using Sublet.Commands;
using Sublet.Server;

namespace Sublet.Cli;

/// <summary>
/// The <c>sublet</c> tool: the demo server's own commands, run in its host as <c>dotnet Sublet.Server.dll -- ...</c>
/// runs them, but never serving. <c>Program</c> runs it on the process's console; tests run it in-process.
/// </summary>
public static class SubletTool
{
    /// <summary>Runs one command line on <paramref name="console"/>; 0 on success, 1 with one line on its error stream on failure.</summary>
    public static async Task<int> RunAsync(string[] args, CommandConsole console, CancellationToken cancellationToken = default)
    {
        // The server's configuration sources minus its command line, which here is the tool's.
        await using var app = ServerApp.Build([]);
        return await app.RunSubletCommandAsync(args, console, cancellationToken);
    }
}
