namespace Sublet.Bench;

/// <summary>One Citus move of the large tenant: its transfer mode, the writes' stall the move reported, and the whole move.</summary>
internal sealed record CitusMoveRow(string TransferMode, string From, string To, double Megabytes, long Rows, TimeSpan Stall, TimeSpan Total);
