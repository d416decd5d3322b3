namespace Sublet.Bench;

/// <summary>One tenant count × concurrency measurement.</summary>
internal sealed record ResultRow(
    int Tenants,
    int Connections,
    LoadTools.WrkResult Sublet,
    LoadTools.PgbenchResult Ceiling,
    int VerifiedWrongTenant,
    int VerifiedNotOk,
    double ServerRssMb,
    long Backends,
    double BackendPssMb,
    string Variant = "",
    CpuPerRequest? Cpu = null)
{
    public double Ratio => Sublet.RequestsPerSecond / Ceiling.TransactionsPerSecond;
}
