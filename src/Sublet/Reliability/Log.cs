using Microsoft.Extensions.Logging;

namespace Sublet.Reliability;

/// <summary>Log messages about outages and overload.</summary>
internal static partial class Log
{
    // The message, not the stack: during an outage every request fails the same way.
    [LoggerMessage(EventId = 1300, Level = LogLevel.Warning, Message = "Database unavailable, answered 503: {ExceptionType}: {ExceptionMessage}")]
    public static partial void DatabaseUnavailable(ILogger logger, string exceptionType, string exceptionMessage);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Tenant {TenantSlug} is over its concurrent request limit, answered 503")]
    public static partial void TenantOverLimit(ILogger logger, string tenantSlug);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Debug, Message = "A request body to tenant {TenantSlug} was refused with {StatusCode} before the tenant's limit")]
    public static partial void RequestBodyRefused(ILogger logger, string tenantSlug, int statusCode);
}
