namespace Sublet.Bench;

/// <summary>CPU milliseconds per request spent by the server process and by the PostgreSQL backends serving it.</summary>
internal sealed record CpuPerRequest(double ServerMs, double PostgresMs);
