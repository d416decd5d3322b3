namespace Sublet.Bench;

/// <summary>The EF Core app's wrk results and CPU milliseconds per request per concurrency, and its responses checked one by one for their own tenant's rows.</summary>
internal sealed record EfCoreRun(int Tenants, IReadOnlyList<(int Connections, LoadTools.WrkResult Result, double ServerCpuMs)> Results, int VerifiedNotOk, int VerifiedWrongTenant)
{
    public static EfCoreRun None { get; } = new(0, [], 0, 0);

    public long Failures => Results.Sum(run => run.Result.NotOk + run.Result.SocketErrors) + VerifiedNotOk + VerifiedWrongTenant;
}
