using System.Globalization;
using System.Net;
using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Domains;

/// <summary>
/// Turns what an operator or a tenant typed into the one stored form of a domain (lower case, punycode, no trailing
/// dot), and refuses names that can never be a tenant's own.
/// </summary>
internal sealed class DomainRules(IOptions<SubletOptions> options)
{
    // Special-use names (RFC 6761, 6762, 7686, 6303): no public certificate or delegation can exist for them.
    private static readonly string[] SpecialUse = ["localhost", "invalid", "local", "onion", "arpa", "internal"];

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    private readonly string _serverHost = ServerHost(options.Value.ServerName);

    public string Validate(string? input)
    {
        var domain = Normalize(input) ?? throw new DomainException(
            DomainError.InvalidDomain,
            $"'{input}' is not a domain name: use letters, digits and '-' in dot-separated labels, e.g. app.example.com.");
        if (IPAddress.TryParse(domain, out _) || domain[(domain.LastIndexOf('.') + 1)..].All(char.IsAsciiDigit))
        {
            throw new DomainException(DomainError.InvalidDomain, $"'{input}' is an IP address, not a domain name.");
        }

        if (domain == _serverHost || domain.EndsWith("." + _serverHost, StringComparison.Ordinal))
        {
            throw new DomainException(DomainError.ReservedDomain, $"'{domain}' is this server's own name or one of its subdomains.");
        }

        if (SpecialUse.Any(name => domain == name || domain.EndsWith("." + name, StringComparison.Ordinal)))
        {
            throw new DomainException(DomainError.ReservedDomain, $"'{domain}' is reserved for special use and cannot be a tenant's domain.");
        }

        return domain;
    }

    /// <summary>The stored form of <paramref name="input"/>, or null when it is not a name of two or more DNS labels.</summary>
    internal static string? Normalize(string? input)
    {
        var text = input?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (text.Length > 1 && text[^1] == '.')
        {
            text = text[..^1];
        }

        string ascii;
        try
        {
            // STD3 rules: letters, digits and '-' only, so no ':', '/', '@' or '_' gets through; labels of 1-63.
            ascii = Idn.GetAscii(text).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        return ascii.Contains('.', StringComparison.Ordinal) && ascii.Length <= 253 && ascii.Split('.').All(IsLabel) ? ascii : null;
    }

    private static bool IsLabel(string label) =>
        label.Length is > 0 and <= 63 && label[0] != '-' && label[^1] != '-' && label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private static string ServerHost(string serverName)
    {
        var colon = serverName.IndexOf(':', StringComparison.Ordinal);
        return (colon < 0 ? serverName : serverName[..colon]).TrimEnd('.').ToLowerInvariant();
    }
}
