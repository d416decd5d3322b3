using Sublet.Commands;

namespace Microsoft.Extensions.Hosting;

/// <summary>Runs the app, or one of its commands, the way <c>manage.py</c> does.</summary>
public static class SubletCommandsHostExtensions
{
    /// <summary>
    /// Serves as <c>RunAsync</c> does when <paramref name="args"/> name no command; otherwise runs the command
    /// (<c>tenants</c>, <c>users</c>, <c>shards</c>, <c>migrate</c>, or one added with <c>AddSubletCommand</c>) in
    /// this app's host, with its migrations, user store, configuration and database, and returns its exit code. A
    /// command starts Sublet but not the web server or the app's hosted services; on failure it prints one line on
    /// standard error and returns 1. Settings for the host given as <c>--Section:Key=value</c>, <c>--urls=...</c> or
    /// <c>--environment=...</c> are the host's, as they are when it serves, and not the command's.
    /// </summary>
    /// <returns>The exit code for <c>Program</c> to return.</returns>
    public static async Task<int> RunSubletAsync(this IHost host, string[] args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        if (!SubletCommandLine.NamesCommand(host, args))
        {
            await host.RunAsync(cancellationToken);
            return 0;
        }

        return await SubletCommandLine.RunAsync(host, SubletCommandLine.WithoutHostSettings(args), CommandConsole.FromSystemConsole(), cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="args"/> as a command line, never serving: for a tool built on the app, and for tests
    /// that give it their own <paramref name="console"/>.
    /// </summary>
    /// <returns>0 on success; 1, with one line on the console's error stream, on failure.</returns>
    public static Task<int> RunSubletCommandAsync(this IHost host, string[] args, CommandConsole? console = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(args);
        return SubletCommandLine.RunAsync(host, args, console ?? CommandConsole.FromSystemConsole(), cancellationToken);
    }
}
