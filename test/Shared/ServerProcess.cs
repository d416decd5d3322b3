using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Sublet.Testing;

/// <summary>
/// A built ASP.NET Core app, <c>dotnet &lt;app&gt;.dll</c>, as an OS process of its own on 127.0.0.1 and a port the
/// system picks; its address is read from the line the host prints once it listens. Disposing kills it. Shared by
/// the tests and the benchmarks, which link this one file.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const string ListeningLine = "Now listening on: ";

    private readonly Process _process;
    private readonly Action<string>? _echo;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process, Action<string>? echo)
    {
        _process = process;
        _echo = echo;
    }

    public Uri Address { get; private set; } = null!;

    public int Port => Address.Port;

    public int ProcessId => _process.Id;

    /// <summary>Everything the process printed so far, for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts <paramref name="appDll"/> on <paramref name="connectionString"/> with <paramref name="settings"/>
    /// (<c>Key=value</c> configuration, with or without a leading <c>--</c>) and waits until it listens and, given <paramref name="readyPath"/>, until that
    /// path answers 200 on the central host. <paramref name="echo"/>, when given, sees each line the process prints;
    /// without <paramref name="workingDirectory"/> the process starts in this one's.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string appDll,
        string connectionString,
        IEnumerable<string> settings,
        TimeSpan limit,
        CancellationToken cancellationToken,
        string? readyPath = null,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        Action<string>? echo = null)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        string[] arguments =
        [
            appDll,
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Sublet={connectionString}",
            "--Logging:LogLevel:Default=Warning",
            .. settings.Select(setting => setting.StartsWith("--", StringComparison.Ordinal) ? setting : "--" + setting),
            // Last, so no setting hides the line the address is read from.
            "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information",
        ];
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var server = new ServerProcess(new Process { StartInfo = startInfo }, echo);
        try
        {
            await server.StartAsync(limit, readyPath, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private async Task StartAsync(TimeSpan limit, string? readyPath, CancellationToken cancellationToken)
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
            if (readyPath is not null)
            {
                await WaitUntilReadyAsync(readyPath, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The server was not ready within {limit}:\n{Output}");
        }
    }

    private async Task WaitUntilReadyAsync(string path, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = Address };
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Host = $"localhost:{Address.Port}";
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not answering yet: asked again below.
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        _echo?.Invoke(line);
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
