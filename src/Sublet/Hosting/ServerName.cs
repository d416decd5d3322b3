using System.Diagnostics.CodeAnalysis;

namespace Sublet.Hosting;

/// <summary>
/// The central host name the tenant subdomains hang off, with an optional port (<c>example.com</c>,
/// <c>localhost:5080</c>). Stored lowercase, without a trailing dot.
/// </summary>
public sealed record ServerName(string Host, int? Port)
{
    /// <summary>Parses <c>host</c> or <c>host:port</c>; the host must be a valid DNS name.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out ServerName? serverName)
    {
        serverName = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var parsed = HostHeader.Split(text);
        if (!parsed.IsValid || parsed.IsIpLiteral)
        {
            return false;
        }

        serverName = new ServerName(text[parsed.HostRange].ToLowerInvariant(), parsed.Port);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Port is { } port ? $"{Host}:{port}" : Host;
}
