using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// A POST whose body trickles in over a raw socket from a chosen loopback address, as a slow-body (slowloris)
/// attacker sends it; stops at the server's answer or when told to.
/// </summary>
public static class SlowBody
{
    /// <summary>The status the server answered, or 0 when it had not answered by <paramref name="stop"/>.</summary>
    public static async Task<int> SendAsync(Uri server, IPAddress from, string host, string path, int contentLength, int bytesPerTick, TimeSpan tick, CancellationToken stop)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { LingerState = new LingerOption(true, 0) };
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(IPAddress.Loopback, server.Port, stop);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var head = $"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {contentLength.ToString(CultureInfo.InvariantCulture)}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
        var answer = ReadStatusAsync(stream, stop);
        var chunk = Encoding.ASCII.GetBytes(new string('a', bytesPerTick));
        try
        {
            for (var sent = 0; sent < contentLength && !answer.IsCompleted && !stop.IsCancellationRequested; sent += chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, contentLength - sent)), stop);
                await Task.WhenAny(answer, Task.Delay(tick, stop));
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
        {
            // The server closed the connection, or the test stopped: the answer, if any, says which.
        }

        await ((Task)Task.WhenAny(answer, Task.Delay(Timeout.Infinite, stop))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        return answer.IsCompletedSuccessfully ? answer.Result : 0;
    }

    private static async Task<int> ReadStatusAsync(NetworkStream stream, CancellationToken stop)
    {
        var received = new MemoryStream();
        var buffer = new byte[1024];
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer, stop);
                if (read == 0)
                {
                    return 0;
                }

                received.Write(buffer, 0, read);
                var text = Encoding.ASCII.GetString(received.ToArray());
                if (text.Contains("\r\n", StringComparison.Ordinal) && text.StartsWith("HTTP/1.1 ", StringComparison.Ordinal))
                {
                    return int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or SocketException)
        {
            return 0;
        }
    }
}
