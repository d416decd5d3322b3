using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Domains;

/// <summary>
/// Looks up the TXT record that proves a domain's ownership, against <c>Sublet:Domains:DnsServer</c> or the
/// system's resolvers, with no cache of its own: a record the tenant just published must count on the next check.
/// </summary>
internal sealed class DnsTxtLookup
{
    private readonly LookupClient _client;
    private readonly ILogger<DnsTxtLookup> _logger;

    public DnsTxtLookup(IOptions<DomainOptions> options, ILogger<DnsTxtLookup> logger)
    {
        _logger = logger;
        var server = options.Value.DnsServer;
        var lookupOptions = string.IsNullOrEmpty(server)
            ? new LookupClientOptions()
            : new LookupClientOptions(new NameServer(ParseServer(server) ?? throw new OptionsValidationException(
                DomainOptions.SectionName, typeof(DomainOptions), [$"Sublet:Domains:DnsServer '{server}' is not an IP address or address:port."])));
        lookupOptions.UseCache = false;
        lookupOptions.Timeout = TimeSpan.FromSeconds(3);
        lookupOptions.Retries = 1;
        lookupOptions.ThrowDnsErrors = false;
        _client = new LookupClient(lookupOptions);
    }

    /// <summary>An IP address with an optional port (53 when left out); null when it is not one.</summary>
    public static IPEndPoint? ParseServer(string text)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            return new IPEndPoint(address, NameServer.DefaultPort);
        }

        return IPEndPoint.TryParse(text, out var endPoint) && endPoint.Port != 0 ? endPoint : null;
    }

    /// <summary>Whether a TXT string of <c>_sublet.&lt;domain&gt;</c> is exactly <paramref name="token"/>; a failed lookup is a no.</summary>
    public async Task<bool> HoldsTokenAsync(TenantDomain domain, string token, CancellationToken cancellationToken)
    {
        try
        {
            var response = await _client.QueryAsync(domain.VerificationRecord, QueryType.TXT, QueryClass.IN, cancellationToken);
            return response.Answers.OfType<TxtRecord>().Any(record => record.Text.Any(text => string.Equals(text.Trim(), token, StringComparison.Ordinal)));
        }
        catch (DnsResponseException exception)
        {
            Log.DnsLookupFailed(_logger, domain.Domain, exception.Message);
            return false;
        }
    }
}
