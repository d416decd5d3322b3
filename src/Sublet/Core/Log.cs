using Microsoft.Extensions.Logging;

namespace Sublet.Core;

/// <summary>The bottom layer's log messages, and the tenant scope every area logs in.</summary>
internal static partial class Log
{
    private static readonly Func<ILogger, string, IDisposable?> TenantScope =
        LoggerMessage.DefineScope<string>("Tenant {TenantSlug}");

    public static IDisposable? BeginTenantScope(ILogger logger, string slug) => TenantScope(logger, slug);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Lost the change listener's connection ({Reason}); reconnecting in {DelayMilliseconds} ms")]
    public static partial void ChangeListenerDisconnected(ILogger logger, string reason, int delayMilliseconds);
}
