using Microsoft.Extensions.Logging;

namespace Sublet.Security;

/// <summary>Security log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1200, Level = LogLevel.Information, Message = "Refused a cross-origin {Method} (Origin '{Origin}', Sec-Fetch-Site '{FetchSite}')")]
    public static partial void CrossOriginRequestRefused(ILogger logger, string method, string origin, string fetchSite);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Login attempts limited for {Partition}")]
    public static partial void LoginLimited(ILogger logger, string partition);
}
