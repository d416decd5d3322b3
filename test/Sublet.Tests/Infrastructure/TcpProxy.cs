using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// Forwards loopback TCP connections to PostgreSQL and can cut them: a database outage for one server
/// without stopping the cluster every test shares. While cut, open connections are reset and new ones are
/// accepted and closed at once, as a database that went away would look to its clients.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TcpClient, TcpClient?> _open = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private readonly Task _accepting;
    private volatile bool _cut;

    private TcpProxy(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
        _listener.Start();
        _accepting = AcceptAsync(_stopping.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public static TcpProxy Start(string targetHost, int targetPort) => new(targetHost, targetPort);

    /// <summary>Resets every forwarded connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var (client, upstream) in _open)
        {
            Reset(client);
            if (upstream is not null)
            {
                Reset(upstream);
            }
        }
    }

    public void Restore() => _cut = false;

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(cancellationToken);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                Reset(client);
                continue;
            }

            _ = ForwardAsync(client, cancellationToken);
        }
    }

    private async Task ForwardAsync(TcpClient client, CancellationToken cancellationToken)
    {
        _open[client] = null;
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(_targetHost, _targetPort, cancellationToken);
            _open[client] = upstream;
            var downstream = client.GetStream();
            var up = upstream.GetStream();
            await Task.WhenAny(downstream.CopyToAsync(up, cancellationToken), up.CopyToAsync(downstream, cancellationToken));
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut or a closed end: both sides go.
        }
        finally
        {
            _open.TryRemove(client, out _);
            client.Dispose();
        }
    }

    private static void Reset(TcpClient client)
    {
        // The forwarding task may be closing the same client at this moment.
        try
        {
            if (client.Client is { } socket)
            {
                // Linger zero: an RST, like a server that vanished, rather than a polite close.
                socket.LingerState = new LingerOption(true, 0);
            }
        }
        catch (Exception exception) when (exception is ObjectDisposedException or SocketException)
        {
        }

        client.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        Cut();
        _stopping.Dispose();
    }
}
