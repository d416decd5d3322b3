namespace Sublet.Core;

/// <summary>The SQLSTATEs Sublet raises itself, so the layer that raises one and the one that answers it agree.</summary>
internal static class SqlStates
{
    /// <summary>A write reached a tenant's copy that a move has left behind.</summary>
    public const string MovedAway = "SBMVD";
}
