using System.CommandLine;

namespace Sublet.Cli;

/// <summary>One running command: its parsed arguments, its console, and Sublet's services, started on first use.</summary>
internal sealed class CommandContext(ParseResult parseResult, CliConsole console, string? connectionString, CancellationToken cancellationToken) : IAsyncDisposable
{
    private CliHost? _host;

    public ParseResult ParseResult { get; } = parseResult;

    public CliConsole Console { get; } = console;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public T Value<T>(Option<T> option) => ParseResult.GetValue(option)!;

    public T Value<T>(Argument<T> argument) => ParseResult.GetValue(argument)!;

    /// <summary>Starts Sublet (central migrations, catalog) the first time a command needs it.</summary>
    public async Task<IServiceProvider> ServicesAsync()
    {
        _host ??= await CliHost.StartAsync(connectionString, CancellationToken);
        return _host.Services;
    }

    public async Task<T> ServiceAsync<T>()
        where T : notnull =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<T>(await ServicesAsync());

    /// <summary>The first line of standard input, for a password; refuses an empty one.</summary>
    public async Task<string> ReadPasswordAsync()
    {
        var password = await Console.In.ReadLineAsync(CancellationToken);
        return string.IsNullOrEmpty(password)
            ? throw new CliException("No password on standard input: pipe it in, e.g. printf '%s\\n' \"$PASSWORD\" | sublet ...")
            : password;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
