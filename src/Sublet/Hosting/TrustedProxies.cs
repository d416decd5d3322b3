using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Sublet.Core;

namespace Sublet.Hosting;

/// <summary>Turns <see cref="ForwardedHeadersSettings"/> into ASP.NET Core's forwarded headers options.</summary>
internal static class TrustedProxies
{
    /// <summary>The options for <c>UseForwardedHeaders</c>, or null when no proxy is trusted.</summary>
    public static ForwardedHeadersOptions? Options(ForwardedHeadersSettings settings)
    {
        if (!settings.Enabled)
        {
            // The middleware trusts every address when both lists are empty, so it must not run at all.
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
            // Walks back through a chain of proxies, stopping at the first address that is not trusted, so that
            // the client address is the one the outermost trusted proxy saw, not one the client wrote itself.
            ForwardLimit = null,
        };

        // Loopback is trusted by default; only what the operator listed is.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in settings.KnownProxies)
        {
            options.KnownProxies.Add(TryParseAddress(proxy, out var address) ? address : throw Invalid(proxy));
        }

        foreach (var network in settings.KnownNetworks)
        {
            options.KnownIPNetworks.Add(TryParseNetwork(network, out var parsed) ? parsed : throw Invalid(network));
        }

        return options;
    }

    /// <summary>An IPv4 address in plain dotted form (no <c>127.1</c> or octal) or an IPv6 address.</summary>
    public static bool TryParseAddress(string text, out IPAddress address)
    {
        if (IPAddress.TryParse(text, out var parsed)
            && (parsed.AddressFamily == AddressFamily.InterNetworkV6 || string.Equals(parsed.ToString(), text, StringComparison.Ordinal)))
        {
            address = parsed;
            return true;
        }

        address = IPAddress.None;
        return false;
    }

    /// <summary>A CIDR network whose address has no host bits set: <c>10.0.0.1/24</c> is more likely a typo than <c>10.0.0.0/24</c>.</summary>
    public static bool TryParseNetwork(string text, out System.Net.IPNetwork network)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0
            && TryParseAddress(text[..slash], out var address)
            && System.Net.IPNetwork.TryParse(text, out network)
            && network.BaseAddress.Equals(address))
        {
            return true;
        }

        network = default;
        return false;
    }

    // The validator refuses these at start; this is only reached if an app skipped validation.
    private static ArgumentException Invalid(string text) => new($"'{text}' is not a valid proxy address or network.");
}
