using Microsoft.Extensions.Logging;

namespace Sublet.Data;

/// <summary>The data layer's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Lost the connection to shard {Shard} ({Reason}); its idle pooled connections were dropped")]
    public static partial void ShardConnectionLost(ILogger logger, string shard, string reason);
}
