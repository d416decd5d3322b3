using System.CommandLine;

namespace Sublet.Cli;

/// <summary>Attaches bodies to commands: each gets a <see cref="CommandContext"/> and the shared failure handling.</summary>
internal sealed class CommandRunner(CliConsole console, Option<string?> connection)
{
    public void Handle(Command command, Func<CommandContext, Task<int>> body) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var context = new CommandContext(parseResult, console, parseResult.GetValue(connection), cancellationToken);
            return await CliApp.GuardAsync(console, () => body(context));
        });
}
