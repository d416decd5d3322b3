using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// The built server, <c>dotnet Sublet.Server.dll</c>, as an OS process of its own on 127.0.0.1 and a port the
/// system picks; its address is read from the line the host prints once it listens. Disposing kills it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const string ListeningLine = "Now listening on: ";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process) => _process = process;

    public Uri Address { get; private set; } = null!;

    /// <summary>Everything the process printed so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the server on <paramref name="connectionString"/> and waits until <c>/readyz</c> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string connectionString, IEnumerable<string> settings, TimeSpan limit, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        string[] arguments =
        [
            Path.Combine(AppContext.BaseDirectory, "Sublet.Server.dll"),
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Sublet={connectionString}",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
            .. settings.Select(setting => "--" + setting),
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(new Process { StartInfo = startInfo });
        try
        {
            await server.StartAsync(limit, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of this process that sends <c>Host: &lt;host&gt;:&lt;port&gt;</c>.</summary>
    public HostClient Client(string host) => new(Address, $"{host}:{Address.Port}");

    private async Task StartAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        _process.OutputDataReceived += (_, line) => Collect(line.Data);
        _process.ErrorDataReceived += (_, line) => Collect(line.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException($"The server exited early:\n{Output}"));
        _process.EnableRaisingEvents = true;
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            Address = await _listening.Task.WaitAsync(deadline.Token);
            using var probe = Client("localhost");
            // No limit of its own: the deadline's cancellation ends the wait.
            await Poll.UntilAsync(
                async () => (await probe.SendAsync(HttpMethod.Get, "/readyz", giveUp: deadline.Token)).StatusCode == HttpStatusCode.OK,
                TimeSpan.MaxValue,
                TimeSpan.FromMilliseconds(50),
                deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The server was not ready within {limit}:\n{Output}");
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        var at = line.IndexOf(ListeningLine, StringComparison.Ordinal);
        if (at >= 0)
        {
            _listening.TrySetResult(new Uri(line[(at + ListeningLine.Length)..].Trim()));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (InvalidOperationException)
        {
            // Never started: there is nothing to kill.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
