using Microsoft.Extensions.Logging;

namespace Sublet.Sessions;

/// <summary>Session log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Debug, Message = "Removed {SessionCount} expired sessions")]
    public static partial void ExpiredSessionsRemoved(ILogger logger, int sessionCount);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Removing expired sessions failed")]
    public static partial void SessionCleanupFailed(ILogger logger, Exception exception);
}
