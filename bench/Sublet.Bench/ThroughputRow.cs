namespace Sublet.Bench;

/// <summary>
/// One server's authenticated <c>GET /data</c> under wrk at one concurrency, the responses checked one by one
/// after it, and pgbench's ceiling for the same SQL on the same database.
/// </summary>
internal sealed record ThroughputRow(int Tenants, int Connections, LoadTools.WrkResult Wrk, int VerifiedNotOk, int VerifiedWrongTenant, LoadTools.PgbenchResult Ceiling)
{
    public long Failures => Wrk.NotOk + Wrk.SocketErrors + VerifiedNotOk + VerifiedWrongTenant;
}
