using System.Globalization;
using System.Text;

namespace Sublet.Bench;

/// <summary>
/// The tenancy tax: the minimal single-tenant app (bench/Sublet.Minimal: one NpgsqlDataSource, ASP.NET Core's cookie
/// authentication, the same query) under the same wrk load as Sublet, on tenant t1 of the same database, in the same
/// run, so a regression of the tenancy path shows as a ratio below 1.
/// </summary>
internal static class TenancyTax
{
    public static string AppDll => Path.GetFullPath(
        Environment.GetEnvironmentVariable("SUBLET_MINIMAL_DLL") ?? "bench/Sublet.Minimal/bin/Release/net10.0/Sublet.Minimal.dll");

    public static async Task<List<(int Connections, LoadTools.WrkResult Result)>> MeasureAsync(
        string connectionString, BenchOptions options, string directory, CancellationToken cancellationToken)
    {
        Console.Error.WriteLine("bench: the minimal single-tenant app");
        await using var app = await BenchServer.StartAsync(AppDll, connectionString, cancellationToken);
        using var client = new Client(app.Port);
        var cookie = (await client.LoginAllAsync(1, cancellationToken))[0];
        var tenantsFile = Path.Combine(directory, "minimal.tsv");
        await File.WriteAllTextAsync(tenantsFile, $"{Client.Host(1, app.Port)}\t{cookie}\n", cancellationToken);

        // The same warm-up as Sublet gets: JIT tiers and pools settle before anything counts.
        _ = await LoadTools.WrkAsync(app.Port, tenantsFile, options.Connections[0], Math.Max(3, Math.Min(20, options.DurationSeconds * 2)), cancellationToken);
        var results = new List<(int, LoadTools.WrkResult)>();
        foreach (var connections in options.Connections)
        {
            var result = await LoadTools.WrkAsync(app.Port, tenantsFile, connections, options.DurationSeconds, cancellationToken);
            Console.Error.WriteLine($"bench: minimal app, {connections} connections: {result.RequestsPerSecond:N0} req/s");
            results.Add((connections, result));
        }

        return results;
    }

    /// <summary>One line per concurrency: Sublet's rate (the run's first tenant count and variant) over the minimal app's.</summary>
    public static string Markdown(IReadOnlyList<ResultRow> rows, IReadOnlyList<(int Connections, LoadTools.WrkResult Result)> minimal)
    {
        var text = new StringBuilder();
        foreach (var (connections, result) in minimal)
        {
            var sublet = rows.FirstOrDefault(row => row.Connections == connections);
            if (sublet is null)
            {
                continue;
            }

            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Tenancy tax ({sublet.Tenants:N0} tenants, {connections} connections): the minimal single-tenant app (`bench/Sublet.Minimal`: `NpgsqlDataSource`, cookie authentication, the same query) {result.RequestsPerSecond:N0} req/s (p99 {result.P99Ms:F2} ms, {result.RequestsPerSecond / sublet.Ceiling.TransactionsPerSecond:P0} of pgbench); **Sublet {sublet.Sublet.RequestsPerSecond / result.RequestsPerSecond:F2}× it**.");
        }

        return text.ToString();
    }
}
