using Microsoft.Extensions.Options;
using Sublet.Core;
using Sublet.Domains;
using Sublet.Hosting;
using Sublet.Passwords;

namespace Sublet;

/// <summary>
/// Refuses a start with settings that would only fail later, one clear message per problem: the checks that need an
/// area's parser (host names, addresses, networks) or compare two settings. Plain ranges are checked by the
/// validators generated from each options type's attributes.
/// </summary>
internal sealed class SubletOptionsValidator :
    IValidateOptions<SubletOptions>,
    IValidateOptions<PasswordOptions>,
    IValidateOptions<ForwardedHeadersSettings>,
    IValidateOptions<DomainOptions>
{
    public ValidateOptionsResult Validate(string? name, SubletOptions options)
    {
        var failures = new List<string>();
        if (!ServerName.TryParse(options.ServerName, out _))
        {
            failures.Add($"Sublet:ServerName '{options.ServerName}' is not a host name or host:port (e.g. example.com or localhost:5080).");
        }

        foreach (var reserved in options.ReservedSubdomains)
        {
            if (!TenantSlug.IsValid(reserved))
            {
                failures.Add($"Sublet:ReservedSubdomains entry '{reserved}' is not a lowercase DNS label.");
            }
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, PasswordOptions options) =>
        options.MaxIterations != 0 && (options.MaxIterations < options.Iterations || options.MaxIterations > Pbkdf2Hash.MaxIterations)
            ? ValidateOptionsResult.Fail(
                $"Sublet:Passwords:MaxIterations must be 0 (four times Iterations, at least 1,000,000) or between Iterations and {Pbkdf2Hash.MaxIterations}.")
            : ValidateOptionsResult.Success;

    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options)
    {
        var failures = new List<string>();
        foreach (var proxy in options.KnownProxies)
        {
            if (!TrustedProxies.TryParseAddress(proxy, out _))
            {
                failures.Add($"Sublet:ForwardedHeaders:KnownProxies entry '{proxy}' is not an IP address (e.g. 10.0.0.5 or ::1).");
            }
        }

        foreach (var network in options.KnownNetworks)
        {
            if (!TrustedProxies.TryParseNetwork(network, out _))
            {
                failures.Add(
                    $"Sublet:ForwardedHeaders:KnownNetworks entry '{network}' is not a network in CIDR notation with its host bits zero (e.g. 10.0.0.0/24).");
            }
        }

        return Result(failures);
    }

    public ValidateOptionsResult Validate(string? name, DomainOptions options)
    {
        var failures = new List<string>();
        if (options.DnsServer is { Length: > 0 } dnsServer && DnsTxtLookup.ParseServer(dnsServer) is null)
        {
            failures.Add($"Sublet:Domains:DnsServer '{dnsServer}' is not an IP address or address:port (e.g. 127.0.0.1:5353).");
        }

        if (options.VerificationInterval <= TimeSpan.Zero || !options.TlsAskPath.StartsWith('/'))
        {
            failures.Add("Sublet:Domains:VerificationInterval must be positive and Sublet:Domains:TlsAskPath a path starting with '/'.");
        }

        return Result(failures);
    }

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
