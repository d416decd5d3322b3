namespace Sublet.Hosting;

/// <summary>Classifies a <c>Host</c> value against the server name. Pure string work: no I/O, no regex.</summary>
internal sealed class HostClassifier(ServerName serverName)
{
    public ServerName ServerName { get; } = serverName;

    /// <summary>Returns the kind of host and, for a subdomain, its lowercase label.</summary>
    public (HostKind Kind, string? Subdomain) Classify(string? host)
    {
        var header = HostHeader.Split(host);
        if (!header.IsValid)
        {
            return (HostKind.Malformed, null);
        }

        if (header.IsIpLiteral || !PortMatches(header.Port))
        {
            return (HostKind.Foreign, null);
        }

        var name = host.AsSpan()[header.HostRange];
        var central = ServerName.Host.AsSpan();
        if (name.Equals(central, StringComparison.OrdinalIgnoreCase))
        {
            return (HostKind.Central, null);
        }

        var labelLength = name.Length - central.Length - 1;
        if (labelLength <= 0
            || name[labelLength] != '.'
            || !name[(labelLength + 1)..].Equals(central, StringComparison.OrdinalIgnoreCase))
        {
            return (HostKind.Foreign, null);
        }

        var label = name[..labelLength];
        if (label.Contains('.'))
        {
            return (HostKind.Foreign, null);
        }

        return (HostKind.Subdomain, label.ToString().ToLowerInvariant());
    }

    /// <summary>
    /// The name of a well-formed host outside the server name whose port fits (no trailing dot), for a look-up among
    /// custom domains; empty for anything else.
    /// </summary>
    public ReadOnlySpan<char> ForeignName(string? host)
    {
        var header = HostHeader.Split(host);
        return header.IsValid && !header.IsIpLiteral && PortMatches(header.Port) ? host.AsSpan()[header.HostRange] : default;
    }

    private bool PortMatches(int? port) => ServerName.Port is not { } expected || port == expected;
}
