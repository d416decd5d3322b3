using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Sublet.Bench;

/// <summary>Runs wrk against the server and pgbench against PostgreSQL with the same client count.</summary>
internal static partial class LoadTools
{
    public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long NotOk, long SocketErrors, long Requests);

    public sealed record PgbenchResult(double TransactionsPerSecond, double AverageLatencyMs);

    public static async Task<WrkResult> WrkAsync(int port, string tenantsFile, int connections, int seconds, CancellationToken cancellationToken)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "data.lua");
        var output = await RunAsync("wrk", ["-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "--latency", "-s", script, $"http://127.0.0.1:{port}/", "--", tenantsFile], null, cancellationToken);
        var match = WrkLine().Match(output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Unexpected wrk output:\n{output}");
        }

        return new WrkResult(
            Number(match, "rps"), Number(match, "p50"), Number(match, "p99"),
            (long)Number(match, "non200"), (long)Number(match, "errors"), (long)Number(match, "requests"));
    }

    /// <summary>
    /// The ceiling: what PostgreSQL itself serves for the statements one request runs, sent as the server sends
    /// them: the reset of the leased connection, the transaction-local schema selection and the read of
    /// company_data in one pipeline (one round trip; the reset commits alone, the other two share an implicit
    /// transaction), in the extended protocol Npgsql uses, with the same number of clients.
    /// Not pgbench's prepared mode: it prepares the pipeline's statements before the schema selection has run,
    /// so the tenant's table cannot be found.
    /// </summary>
    public static async Task<PgbenchResult> PgbenchAsync(string binDirectory, int port, string password, string database, int tenants, int clients, int seconds, CancellationToken cancellationToken)
    {
        var script = Path.Combine(Path.GetTempPath(), $"sublet-bench-{Environment.ProcessId}.sql");
        await File.WriteAllTextAsync(script, $"""
            \set t random(1, {tenants})
            \startpipeline
            DISCARD ALL;
            SELECT set_config('search_path', '"t' || :t || '"', true);
            SELECT * FROM company_data;
            \endpipeline
            """, cancellationToken);
        try
        {
            var output = await RunAsync(
                Path.Combine(binDirectory, "pgbench"),
                ["-n", "-M", "extended", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2", "-T", seconds.ToString(CultureInfo.InvariantCulture),
                 "-f", script, "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-U", "postgres", database],
                new Dictionary<string, string> { ["PGPASSWORD"] = password },
                cancellationToken);
            var tps = PgbenchTps().Match(output);
            var latency = PgbenchLatency().Match(output);
            if (!tps.Success)
            {
                throw new InvalidOperationException($"Unexpected pgbench output:\n{output}");
            }

            return new PgbenchResult(
                double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture),
                latency.Success ? double.Parse(latency.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN);
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static double Number(Match match, string group) => double.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {program}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var output = await stdout + await stderr;
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{program} exited with {process.ExitCode}:\n{output}");
    }

    [GeneratedRegex(@"SUBLET requests=(?<requests>\d+) rps=(?<rps>[\d.]+) p50_ms=(?<p50>[\d.]+) p99_ms=(?<p99>[\d.]+) non200=(?<non200>\d+) errors=(?<errors>\d+)")]
    private static partial Regex WrkLine();

    [GeneratedRegex(@"tps = ([\d.]+) \(without initial connection time\)")]
    private static partial Regex PgbenchTps();

    [GeneratedRegex(@"latency average = ([\d.]+) ms")]
    private static partial Regex PgbenchLatency();
}
