using Microsoft.Extensions.Logging;

namespace Sublet.Data;

/// <summary>The data layer's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1704, Level = LogLevel.Warning, Message = "Lost the connection to shard {Shard} ({Reason}); its idle pooled connections were dropped")]
    public static partial void ShardConnectionLost(ILogger logger, string shard, string reason);

    [LoggerMessage(EventId = 1705, Level = LogLevel.Warning, Message = "A connection of tenant {Tenant} was disposed without CommitAsync: its writes were rolled back. Call CommitAsync to keep them, or RollbackAsync to discard them without this warning")]
    public static partial void UncommittedWritesRolledBack(ILogger logger, string tenant);
}
