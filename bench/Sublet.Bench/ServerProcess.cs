using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sublet.Bench;

/// <summary>Sublet.Server in Release as its own process, on a free loopback port.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public static Task<ServerProcess> StartAsync(string serverDll, string connectionString, CancellationToken cancellationToken, params IEnumerable<string> settings) =>
        StartAsync(serverDll, connectionString, new Dictionary<string, string>(), cancellationToken, settings);

    public static async Task<ServerProcess> StartAsync(string serverDll, string connectionString, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken, params IEnumerable<string> settings)
    {
        var port = FreePort();
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        foreach (var argument in new[]
        {
            serverDll,
            $"--urls=http://127.0.0.1:{port}",
            $"--ConnectionStrings:Sublet={connectionString}",
            "--Sublet:ServerName=localhost",
            "--Sublet:LoadDemo=false",
            $"--Sublet:Passwords:Iterations={BenchDatabase.CheapRounds}",
            // The login benchmark measures hashing throughput, which the brute-force limits would cut short.
            "--Sublet:LoginLimits:PerUserPermitLimit=1000000",
            "--Sublet:LoginLimits:PerAddressPermitLimit=1000000",
            // Throughput runs push one tenant far past the per-tenant limit meant for noisy neighbours.
            "--Sublet:Limits:ConcurrentRequestsPerTenant=0",
            "--Logging:LogLevel:Default=Warning",
        }.Concat(settings))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) Console.Error.WriteLine($"  server: {line.Data}"); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) Console.Error.WriteLine($"  server: {line.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new ServerProcess(process, port);
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {process.ExitCode}.");
            }

            try
            {
                await http.GetAsync($"http://127.0.0.1:{port}/static/robots.txt", cancellationToken);
                return server;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        await server.DisposeAsync();
        throw new TimeoutException("The server did not start within a minute.");
    }

    /// <summary>Resident memory of the server process, in MiB.</summary>
    public double ResidentMegabytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
