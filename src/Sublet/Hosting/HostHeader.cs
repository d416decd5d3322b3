namespace Sublet.Hosting;

/// <summary>
/// Splits a <c>Host</c> value into a DNS name and a port, checking RFC 1123 syntax: labels of ASCII letters,
/// digits and <c>-</c>, 1–63 characters, 253 in all; one trailing dot allowed and dropped.
/// </summary>
internal readonly record struct HostHeader(bool IsValid, bool IsIpLiteral, Range HostRange, bool HasPortSeparator, int? Port)
{
    private const int MaxHostLength = 253;
    private const int MaxLabelLength = 63;

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private static HostHeader Invalid => new(false, false, default, false, null);

    public static HostHeader Split(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            return Invalid;
        }

        if (value[0] == '[')
        {
            // An IPv6 literal is well-formed enough to answer 404 rather than 400: it is simply not our host.
            var close = value.IndexOf(']');
            return close > 1 ? new HostHeader(true, true, default, false, null) : Invalid;
        }

        var hostEnd = value.Length;
        int? port = null;
        var colon = value.IndexOf(':');
        var hasPortSeparator = colon >= 0;
        if (hasPortSeparator)
        {
            if (!TryParsePort(value[(colon + 1)..], out var parsedPort))
            {
                return Invalid;
            }

            port = parsedPort;
            hostEnd = colon;
        }

        var host = value[..hostEnd];
        if (host.Length > 1 && host[^1] == '.')
        {
            host = host[..^1];
            hostEnd--;
        }

        if (host.IsEmpty || host.Length > MaxHostLength || !HasValidLabels(host))
        {
            return Invalid;
        }

        var lastLabel = host[(host.LastIndexOf('.') + 1)..];
        var isIpv4 = !lastLabel.ContainsAnyExcept(Digits);
        return new HostHeader(true, isIpv4, 0..hostEnd, hasPortSeparator, port);
    }

    private static bool TryParsePort(ReadOnlySpan<char> text, out int port)
    {
        port = 0;
        if (text.IsEmpty || text.Length > 5 || text.ContainsAnyExcept(Digits))
        {
            return false;
        }

        port = int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return port is > 0 and <= ushort.MaxValue;
    }

    private static bool HasValidLabels(ReadOnlySpan<char> host)
    {
        foreach (var range in host.Split('.'))
        {
            var label = host[range];
            if (label.IsEmpty || label.Length > MaxLabelLength || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
