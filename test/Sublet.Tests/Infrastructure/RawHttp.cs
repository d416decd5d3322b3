using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// HTTP/1.1 written byte for byte on a fresh TCP connection, for requests no well-behaved client would send:
/// control bytes or raw UTF-8 in the Host header, or a request cut off half way.
/// </summary>
public static partial class RawHttp
{
    /// <summary>Sends one request and reads the whole response (the connection is closed after it).</summary>
    public static async Task<(int Status, string Text)> SendAsync(Uri address, string head, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, address.Port, cancellationToken);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(head), cancellationToken);
        using var response = new MemoryStream();
        await stream.CopyToAsync(response, cancellationToken);
        var text = Encoding.UTF8.GetString(response.ToArray());
        var match = StatusLine().Match(text);
        return (match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0, text);
    }

    /// <summary>Opens a connection, writes the start of a request, and drops the connection without reading.</summary>
    public static async Task AbandonAsync(Uri address, string partialHead, CancellationToken cancellationToken)
    {
        using var client = new TcpClient { LingerState = new LingerOption(true, 0) };
        await client.ConnectAsync(IPAddress.Loopback, address.Port, cancellationToken);
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(partialHead), cancellationToken);
    }

    [GeneratedRegex(@"\AHTTP/1\.[01] (\d{3}) ")]
    private static partial Regex StatusLine();
}
