using Microsoft.Extensions.Options;
using Sublet.Core;
using Sublet.Domains;
using Sublet.Hosting;
using Sublet.Passwords;

namespace Sublet;

/// <summary>Refuses a start with settings that would only fail later, one clear message per problem.</summary>
internal sealed class SubletOptionsValidator : IValidateOptions<SubletOptions>
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

        if (options.Passwords.Iterations < PasswordOptions.MinimumIterations)
        {
            failures.Add($"Sublet:Passwords:Iterations must be at least {PasswordOptions.MinimumIterations}.");
        }

        if (options.Passwords.MaxIterations != 0
            && (options.Passwords.MaxIterations < options.Passwords.Iterations || options.Passwords.MaxIterations > Pbkdf2Hash.MaxIterations))
        {
            failures.Add($"Sublet:Passwords:MaxIterations must be 0 (four times Iterations, at least 1,000,000) or between Iterations and {Pbkdf2Hash.MaxIterations}.");
        }

        if (options.Passwords.ConcurrentHashes < 0 || options.Passwords.QueuedHashes < 0)
        {
            failures.Add("Sublet:Passwords:ConcurrentHashes and Sublet:Passwords:QueuedHashes must not be negative (ConcurrentHashes 0: one fewer than the processors).");
        }

        if (options.Limits.ConcurrentRequestsPerTenant < 0 || options.Limits.QueuedRequestsPerTenant < 0)
        {
            failures.Add("Sublet:Limits:ConcurrentRequestsPerTenant and Sublet:Limits:QueuedRequestsPerTenant must not be negative (0 turns the limit off).");
        }

        if (options.Limits.BufferedRequestBodyBytes < 0 || options.Limits.RequestBodiesPerAddress < 1 || options.Limits.RequestBodyTimeout <= TimeSpan.Zero)
        {
            failures.Add("Sublet:Limits:BufferedRequestBodyBytes must not be negative, RequestBodiesPerAddress must be at least 1 and RequestBodyTimeout positive.");
        }

        foreach (var proxy in options.ForwardedHeaders.KnownProxies)
        {
            if (!TrustedProxies.TryParseAddress(proxy, out _))
            {
                failures.Add($"Sublet:ForwardedHeaders:KnownProxies entry '{proxy}' is not an IP address (e.g. 10.0.0.5 or ::1).");
            }
        }

        foreach (var network in options.ForwardedHeaders.KnownNetworks)
        {
            if (!TrustedProxies.TryParseNetwork(network, out _))
            {
                failures.Add($"Sublet:ForwardedHeaders:KnownNetworks entry '{network}' is not a network in CIDR notation with its host bits zero (e.g. 10.0.0.0/24).");
            }
        }

        if (options.Pool.Partitions < 1)
        {
            failures.Add("Sublet:Pool:Partitions must be at least 1 (1 turns tenant affinity off; unset, one partition per connection).");
        }

        if (options.Domains.DnsServer is { Length: > 0 } dnsServer && DnsTxtLookup.ParseServer(dnsServer) is null)
        {
            failures.Add($"Sublet:Domains:DnsServer '{dnsServer}' is not an IP address or address:port (e.g. 127.0.0.1:5353).");
        }

        if (options.Domains.VerificationInterval <= TimeSpan.Zero || !options.Domains.TlsAskPath.StartsWith('/'))
        {
            failures.Add("Sublet:Domains:VerificationInterval must be positive and Sublet:Domains:TlsAskPath a path starting with '/'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
