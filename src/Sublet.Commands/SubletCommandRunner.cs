using System.CommandLine;
using Microsoft.Extensions.Hosting;

namespace Sublet.Commands;

/// <summary>Attaches bodies to commands: each gets a <see cref="SubletCommandContext"/> and the shared failure handling.</summary>
public sealed class SubletCommandRunner
{
    private readonly IHost _host;
    private readonly CommandConsole _console;
    private readonly Option<string?> _connection;

    internal SubletCommandRunner(IHost host, CommandConsole console, Option<string?> connection)
    {
        _host = host;
        _console = console;
        _connection = connection;
    }

    /// <summary>
    /// Runs <paramref name="body"/> when <paramref name="command"/> is invoked. A <see cref="SubletCommandException"/>,
    /// a database or settings error becomes one line on standard error and exit code 1.
    /// </summary>
    public void Handle(Command command, Func<SubletCommandContext, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(body);
        command.SetAction((parseResult, cancellationToken) => SubletCommandLine.GuardAsync(_console, async () =>
        {
            var connectionString = parseResult.GetValue(_connection);
            if (connectionString is not null && string.IsNullOrWhiteSpace(connectionString))
            {
                throw new SubletCommandException("--connection is empty: give a connection string, or leave the option out to use ConnectionStrings:Sublet or else the embedded cluster.");
            }

            CommandServices.Configure(_host, connectionString);
            await using var context = new SubletCommandContext(_host, parseResult, _console, connectionString, cancellationToken);
            return await body(context);
        }));
    }
}
