namespace Sublet.Bench;

/// <summary>One server's authenticated <c>GET /data</c> under wrk at one concurrency, and the responses checked one by one after it.</summary>
internal sealed record ThroughputRow(int Tenants, int Connections, LoadTools.WrkResult Wrk, int VerifiedNotOk, int VerifiedWrongTenant)
{
    public long Failures => Wrk.NotOk + Wrk.SocketErrors + VerifiedNotOk + VerifiedWrongTenant;
}
