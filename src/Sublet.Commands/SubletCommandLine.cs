using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Domains;
using Sublet.Embedded;
using Sublet.Migrations;
using Sublet.Core;

namespace Sublet.Commands;

/// <summary>The command line: Sublet's commands and the app's own, run in the app's host.</summary>
internal static class SubletCommandLine
{
    /// <summary>The name failures and help are printed under, as the installed tool is called.</summary>
    public const string Name = "sublet";

    // The host's own switches, which WebApplication.CreateBuilder reads from the command line.
    private static readonly HashSet<string> HostSwitches = new(["urls", "environment", "contentRoot", "applicationName", "http_ports", "https_ports"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="args"/> start with a command's name; otherwise they are the app's own.</summary>
    public static bool NamesCommand(IHost host, string[] args) =>
        args.Length > 0 && Build(host, CommandConsole.FromSystemConsole()).Subcommands.Any(command => command.Name == args[0]);

    /// <summary>
    /// The command line without the host's own settings (<c>--Section:Key=value</c>, <c>--urls=...</c>,
    /// <c>--environment=...</c>): the app's builder has read them from the same arguments already.
    /// </summary>
    public static string[] WithoutHostSettings(string[] args) =>
        [.. args.Where(arg => !(arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('=', StringComparison.Ordinal) is > 2 and var equals
            && (arg.AsSpan(2, equals - 2).Contains(':') || HostSwitches.Contains(arg[2..equals]))))];

    /// <summary>Runs one command line; returns the exit code: 0 on success, 1 with one line on stderr on failure.</summary>
    public static async Task<int> RunAsync(IHost host, string[] args, CommandConsole console, CancellationToken cancellationToken)
    {
        var root = Build(host, console);
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            // The unrecognized token usually comes after "Required command was not provided": name it first.
            var messages = parseResult.Errors.Select(error => error.Message).OrderBy(message => message.StartsWith("Required", StringComparison.Ordinal)).Distinct();
            await console.Error.WriteLineAsync($"{Name}: {OneLine(string.Join(' ', messages))} (see '{Name} --help')");
            return 1;
        }

        return await parseResult.InvokeAsync(
            new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false },
            cancellationToken);
    }

    private static Command Build(IHost host, CommandConsole console)
    {
        var connection = new Option<string?>("--connection", "-c")
        {
            Description = "PostgreSQL connection string. Default: ConnectionStrings:Sublet (env ConnectionStrings__Sublet), else the embedded cluster the app uses.",
            Recursive = true,
        };
        var run = new SubletCommandRunner(host, console, connection);
        // A plain command named as the installed tool, not RootCommand, whose name is the entry assembly's.
        var root = new Command(Name, "Manage Sublet tenants: their schemas, users and migrations.")
        {
            new HelpOption(),
            new VersionOption(),
            TenantsCommand.Build(run),
            ShardsCommand.Build(run),
            DomainsCommand.Build(run),
            UsersCommand.Build(run),
            MigrateCommand.Build(run),
        };
        foreach (var appCommand in host.Services.GetServices<AppCommand>())
        {
            root.Subcommands.Add(appCommand.Build(run));
        }

        root.Options.Add(connection);
        return root;
    }

    /// <summary>Runs a command's body, turning every expected failure into one line on stderr and exit code 1.</summary>
    public static async Task<int> GuardAsync(CommandConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception exception) when (exception is SubletCommandException or TenantProvisioningException or DomainException or MigrationException
            or EmbeddedPostgresException or OptionsValidationException or NpgsqlException or IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"{Name}: {OneLine(Describe(exception))}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync($"{Name}: cancelled");
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
