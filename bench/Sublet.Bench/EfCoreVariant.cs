using System.Globalization;
using System.Text;

namespace Sublet.Bench;

/// <summary>
/// The cost of EF Core on the request path: bench/Sublet.EfBench, Sublet with <c>Sublet.EntityFrameworkCore</c> serving the
/// demo's authenticated <c>GET /data</c> through a pooled tenant <c>DbContext</c> (tracking off), under the same wrk load
/// as the server's raw Npgsql path, on the same database of the run's first tenant count, in the same run.
/// </summary>
internal static class EfCoreVariant
{
    public static string AppDll => Path.GetFullPath(
        Environment.GetEnvironmentVariable("SUBLET_EFBENCH_DLL") ?? "bench/Sublet.EfBench/bin/Release/net10.0/Sublet.EfBench.dll");

    public static async Task<EfCoreRun> MeasureAsync(
        string connectionString, int tenants, BenchOptions options, string directory, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("bench: the EF Core app");
        await using var app = await BenchServer.StartAsync(AppDll, connectionString, cancellationToken);
        using var client = new Client(app.Port);
        var cookies = await client.LoginAllAsync(tenants, cancellationToken);
        var tenantsFile = Path.Combine(directory, $"efcore-{tenants}.tsv");
        await File.WriteAllLinesAsync(tenantsFile, cookies.Select((cookie, i) => $"{Client.Host(i + 1, app.Port)}\t{cookie}"), cancellationToken);

        // The same warm-up as the server gets: JIT tiers, EF Core's query cache and the pools settle first.
        _ = await LoadTools.WrkAsync(app.Port, tenantsFile, options.Connections[0], Math.Max(3, Math.Min(20, options.DurationSeconds * 2)), cancellationToken);
        var results = new List<(int, LoadTools.WrkResult, double)>();
        foreach (var connections in options.Connections)
        {
            var cpuBefore = CpuTime.Seconds(app.ProcessId);
            var result = await LoadTools.WrkAsync(app.Port, tenantsFile, connections, options.DurationSeconds, cancellationToken);
            var cpuMs = (CpuTime.Seconds(app.ProcessId) - cpuBefore) * 1000 / Math.Max(1, result.Requests);
            Console.Error.WriteLine($"bench: EF Core app, {connections} connections: {result.RequestsPerSecond:N0} req/s, CPU per request: app {cpuMs:F2} ms");
            results.Add((connections, result, cpuMs));
        }

        var (notOk, wrong) = await client.VerifyAsync(cookies, Math.Max(1_000, Math.Min(tenants, 20_000)), cancellationToken);
        return new EfCoreRun(tenants, results, notOk, wrong);
    }

    /// <summary>One line per concurrency: the EF Core app's rate over the server's raw Npgsql path (same tenant count, first variant).</summary>
    public static string Markdown(IReadOnlyList<ResultRow> rows, EfCoreRun run)
    {
        var text = new StringBuilder();
        foreach (var (connections, result, cpuMs) in run.Results)
        {
            var raw = rows.FirstOrDefault(row => row.Tenants == run.Tenants && row.Connections == connections);
            if (raw is null)
            {
                continue;
            }

            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"EF Core ({run.Tenants:N0} tenants, {connections} connections): `bench/Sublet.EfBench` (a pooled tenant `DbContext`, `AsNoTracking`, the same rows and JSON) {result.RequestsPerSecond:N0} req/s (p99 {result.P99Ms:F2} ms, {result.NotOk + result.SocketErrors} failed, CPU per request {cpuMs:F2} ms against the server's {raw.Cpu?.ServerMs ?? double.NaN:F2}); **EF Core {result.RequestsPerSecond / raw.Sublet.RequestsPerSecond:F2}× the raw Npgsql path** ({raw.Sublet.RequestsPerSecond:N0} req/s).");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"EF Core app, checked one by one: {run.VerifiedNotOk} non-200, {run.VerifiedWrongTenant} with another tenant's rows.");
        return text.ToString();
    }
}
