using Microsoft.Extensions.Logging;

namespace Sublet.Sharding;

/// <summary>Shard log messages.</summary>
internal static partial class ShardLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Moved tenant {Slug} from shard {From} to shard {To}; writes were held for {FencedMilliseconds:0} ms")]
    public static partial void Moved(ILogger logger, string slug, string from, string to, double fencedMilliseconds);

    [LoggerMessage(EventId = 1701, Level = LogLevel.Warning, Message = "Moving tenant {Slug}: its tables could not be locked within the wait (attempt {Attempt}, writes held {HeldMilliseconds:0} ms); a transaction keeps them, trying again shortly")]
    public static partial void FenceDeferred(ILogger logger, string slug, int attempt, double heldMilliseconds);

    [LoggerMessage(EventId = 1702, Level = LogLevel.Warning, Message = "Moving tenant {Slug}: waiting for transactions open on the source to end before replication can start (the oldest, pid {Pid}, open for {OpenSeconds:0} s)")]
    public static partial void WaitingForTransactions(ILogger logger, string slug, int pid, double openSeconds);

    [LoggerMessage(EventId = 1703, Level = LogLevel.Warning, Message = "Moved tenant {Slug}, but its old copy on shard {Shard} could not be dropped; the next move to that shard drops it")]
    public static partial void OldCopyKept(ILogger logger, string slug, string shard);
}
