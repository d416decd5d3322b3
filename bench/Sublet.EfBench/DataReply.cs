namespace Sublet.EfBench;

/// <summary>The body of <c>GET /data</c>: <c>{"data": [{"description": ..., "id": ...}, ...]}</c>, as the demo's.</summary>
public sealed record DataReply(IReadOnlyList<CompanyRow> Data);
