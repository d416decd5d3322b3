using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// Debian's dnsmasq on a loopback port, answering only the TXT records it was started with: a real DNS server for
/// ownership checks, not a mock resolver. Restart it to change the records.
/// </summary>
public sealed class Dnsmasq : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/dnsmasq";

    private Process? _process;

    /// <summary>A free loopback UDP port, chosen before the server that will ask it starts.</summary>
    public int Port { get; } = FreeUdpPort();

    public string Server => $"127.0.0.1:{Port}";

    /// <summary>(Re)starts it serving exactly <paramref name="txtRecords"/> (name, text).</summary>
    public async Task ServeAsync(params (string Name, string Text)[] txtRecords)
    {
        await StopAsync();
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList =
            {
                $"--port={Port}", "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts",
                "--keep-in-foreground", "--conf-file=/dev/null", "--pid-file=", "--cache-size=0",
            },
        };
        if (Environment.UserName == "root")
        {
            start.ArgumentList.Add("--user=nobody");
        }

        foreach (var (name, text) in txtRecords)
        {
            start.ArgumentList.Add($"--txt-record={name},{text}");
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("dnsmasq did not start.");
        _process.ErrorDataReceived += (_, _) => { };
        _process.OutputDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        // Listening once a query gets any answer.
        var client = new DnsClient.LookupClient(new DnsClient.LookupClientOptions(new IPEndPoint(IPAddress.Loopback, Port))
        {
            UseCache = false, Timeout = TimeSpan.FromMilliseconds(200), Retries = 0, ThrowDnsErrors = false,
        });
        var ready = await Poll.UntilAsync(
            async () =>
            {
                try
                {
                    await client.QueryAsync("ready.test", DnsClient.QueryType.TXT, cancellationToken: TestContext.Current.CancellationToken);
                    return true;
                }
                catch (DnsClient.DnsResponseException)
                {
                    return _process.HasExited;
                }
            },
            TimeSpan.FromSeconds(10));
        if (!ready || _process.HasExited)
        {
            throw new InvalidOperationException($"dnsmasq did not answer on port {Port}.");
        }
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
