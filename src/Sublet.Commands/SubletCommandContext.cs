using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Sublet.Commands;

/// <summary>One running command: its parsed arguments, its console, and the app's services, Sublet started on first use.</summary>
public sealed class SubletCommandContext : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly string? _connectionString;
    private CommandServices? _services;

    internal SubletCommandContext(IHost host, ParseResult parseResult, CommandConsole console, string? connectionString, CancellationToken cancellationToken)
    {
        _host = host;
        _connectionString = connectionString;
        ParseResult = parseResult;
        Console = console;
        CancellationToken = cancellationToken;
    }

    /// <summary>The parsed command line.</summary>
    public ParseResult ParseResult { get; }

    /// <summary>Where the command reads and writes.</summary>
    public CommandConsole Console { get; }

    /// <summary>Cancelled when the command is interrupted.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>An option's value.</summary>
    public T Value<T>(Option<T> option) => ParseResult.GetValue(option)!;

    /// <summary>An argument's value.</summary>
    public T Value<T>(Argument<T> argument) => ParseResult.GetValue(argument)!;

    /// <summary>The app's services, after starting Sublet (embedded cluster, central migrations, catalog) the first time.</summary>
    public async Task<IServiceProvider> ServicesAsync()
    {
        _services ??= await CommandServices.StartAsync(_host, _connectionString, CancellationToken);
        return _services.Services;
    }

    /// <summary>One of the app's services, after starting Sublet.</summary>
    public async Task<T> ServiceAsync<T>()
        where T : notnull =>
        (await ServicesAsync()).GetRequiredService<T>();

    /// <summary>The first line of standard input, for a password; refuses an empty one.</summary>
    public async Task<string> ReadPasswordAsync()
    {
        var password = await Console.In.ReadLineAsync(CancellationToken);
        return string.IsNullOrEmpty(password)
            ? throw new SubletCommandException("No password on standard input: pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | sublet ...")
            : password;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
