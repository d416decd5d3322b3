using Microsoft.Extensions.Logging;

namespace Sublet.Domains;

/// <summary>Custom domain log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Debug, Message = "Custom domains of {TenantCount} tenants changed; re-read")]
    public static partial void DomainsReloaded(ILogger logger, int tenantCount);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Custom domain {Domain} of tenant {Tenant} verified by its TXT record")]
    public static partial void DomainVerified(ILogger logger, string domain, string tenant);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "TXT record of {Domain} could not be looked up: {Reason}")]
    public static partial void DnsLookupFailed(ILogger logger, string domain, string reason);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Warning, Message = "Checking pending custom domains failed: {Reason}")]
    public static partial void VerificationRoundFailed(ILogger logger, string reason);
}
