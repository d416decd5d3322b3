namespace Sublet.Core;

/// <summary>Names every install has.</summary>
public static class ShardNames
{
    /// <summary>The central database itself: the shard of every tenant until other shards are added.</summary>
    public const string Default = "default";
}
