using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Cli.Commands;
using Sublet.Domains;
using Sublet.Embedded;
using Sublet.Migrations;
using Sublet.Core;

namespace Sublet.Cli;

/// <summary>The <c>sublet</c> tool. <c>Program</c> runs it on the process's console; tests run it in-process.</summary>
public static class CliApp
{
    /// <summary>Runs one command line; returns the exit code: 0 on success, 1 with one line on stderr on failure.</summary>
    public static Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default) =>
        RunAsync(args, new CliConsole(stdin, stdout, stderr), cancellationToken);

    /// <summary>Runs one command line on <paramref name="console"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = BuildCommand(console);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // The unrecognized token usually comes after "Required command was not provided": name it first.
            var messages = parseResult.Errors.Select(error => error.Message).OrderBy(message => message.StartsWith("Required", StringComparison.Ordinal)).Distinct();
            await console.Error.WriteLineAsync($"sublet: {OneLine(string.Join(' ', messages))} (see 'sublet --help')");
            return 1;
        }

        return await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }

    internal static Command BuildCommand(CliConsole console)
    {
        var connection = new Option<string?>("--connection", "-c")
        {
            Description = "PostgreSQL connection string. Default: ConnectionStrings:Sublet (env ConnectionStrings__Sublet), else the embedded cluster the server uses.",
            Recursive = true,
        };
        var run = new CommandRunner(console, connection);
        // A plain command named as the installed tool, not RootCommand, whose name is the assembly's (Sublet.Cli).
        var root = new Command("sublet", "Manage Sublet tenants: their schemas, users and migrations.")
        {
            new HelpOption(),
            new VersionOption(),
            TenantsCommand.Build(run),
            ShardsCommand.Build(run),
            DomainsCommand.Build(run),
            UsersCommand.Build(run),
            MigrateCommand.Build(run),
            DemoCommand.Build(run),
        };
        root.Options.Add(connection);
        return root;
    }

    /// <summary>Runs a command's body, turning every expected failure into one line on stderr and exit code 1.</summary>
    internal static async Task<int> GuardAsync(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception exception) when (exception is CliException or TenantProvisioningException or DomainException or MigrationException
            or EmbeddedPostgresException or OptionsValidationException or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"sublet: {OneLine(Describe(exception))}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("sublet: cancelled");
            return 1;
        }
    }

    private static string Describe(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.MessageText,
        OptionsValidationException options => string.Join("; ", options.Failures),
        _ => exception.Message,
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
