using Microsoft.Extensions.Logging;

namespace Sublet.Sharding;

/// <summary>Shard log messages.</summary>
internal static partial class ShardLog
{
    [LoggerMessage(EventId = 1700, Level = LogLevel.Information, Message = "Moved tenant {Slug} from shard {From} to shard {To}; writes were held for {FencedMilliseconds:0} ms")]
    public static partial void Moved(ILogger logger, string slug, string from, string to, double fencedMilliseconds);
}
