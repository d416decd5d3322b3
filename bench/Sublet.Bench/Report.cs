using System.Globalization;
using System.Text;

namespace Sublet.Bench;

/// <summary>The Markdown table of one run, printed and optionally written to docs/benchmarks.md.</summary>
internal static class Report
{
    public static string Markdown(BenchOptions options, string postgresVersion, IReadOnlyList<ResultRow> rows, IReadOnlyList<(int Tenants, double LoginsPerSecond)> logins, IReadOnlyList<(int Tenants, int Connections, string Variant, IReadOnlyList<double> RequestsPerSecond)> series)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Command: `{options.CommandLine}` — {options.DurationSeconds} s per measurement, {Environment.ProcessorCount} cores shared by wrk, the server and PostgreSQL {postgresVersion}.");
        text.AppendLine();
        var variants = rows.Any(row => row.Variant.Length > 0);
        text.AppendLine((variants ? "| variant " : "") + "| tenants | connections | Sublet req/s | p50 ms | p99 ms | pgbench tps (ceiling) | ratio | non-200 | wrong tenant | server RSS MiB | PG backends | backends PSS MiB | CPU ms/req: server | CPU ms/req: PostgreSQL |");
        text.AppendLine((variants ? "|---" : "") + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"{(variants ? $"| `{row.Variant}` " : "")}| {row.Tenants:N0} | {row.Connections} | {row.Sublet.RequestsPerSecond:N0} | {row.Sublet.P50Ms:F2} | {row.Sublet.P99Ms:F2} | {row.Ceiling.TransactionsPerSecond:N0} | {row.Ratio:P0} | {row.Sublet.NotOk + row.VerifiedNotOk} | {row.VerifiedWrongTenant} | {row.ServerRssMb:F0} | {row.Backends} | {row.BackendPssMb:F0} | {row.Cpu?.ServerMs:F2} | {row.Cpu?.PostgresMs:F2} |");
        }

        var smallest = rows.Min(row => row.Tenants);
        foreach (var row in rows.Where(row => row.Tenants != smallest))
        {
            var baseline = rows.FirstOrDefault(other => other.Tenants == smallest && other.Connections == row.Connections && other.Variant == row.Variant);
            if (baseline is not null)
            {
                text.AppendLine();
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{(variants ? $"`{row.Variant}`: " : "")}{row.Tenants:N0} tenants at {row.Connections} connections: {row.Sublet.RequestsPerSecond / baseline.Sublet.RequestsPerSecond:P0} of the {smallest}-tenant req/s.");
            }
        }

        foreach (var (tenants, connections, variant, intervals) in series)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Successive {options.DurationSeconds} s intervals ({(variant.Length > 0 ? $"`{variant}`, " : "")}{tenants:N0} tenants, {connections} connections; the row above is the last): {string.Join(" → ", intervals.Select(rate => rate.ToString("N0", CultureInfo.InvariantCulture)))} req/s.");
        }

        foreach (var (tenants, rate) in logins)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Logins ({tenants:N0} tenants): {rate:N1} per second at {BenchDatabase.StrongRounds:N0} PBKDF2-SHA256 rounds (dominated by the hash, by design).");
        }

        return text.ToString();
    }

    /// <summary>Writes the table into docs/benchmarks.md between the markers named <paramref name="section"/>; returns the docs folder.</summary>
    public static string WriteDocs(string markdown, string section = "request-path")
    {
        var path = Path.Combine(RepositoryRoot(), "docs", "benchmarks.md");
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var begin = $"<!-- bench:{section} -->";
        var end = $"<!-- /bench:{section} -->";
        var marked = $"{begin}\n{markdown}{end}";
        var start = existing.IndexOf(begin, StringComparison.Ordinal);
        var stop = existing.IndexOf(end, StringComparison.Ordinal);
        var updated = start >= 0 && stop > start
            ? existing[..start] + marked + existing[(stop + end.Length)..]
            : existing.TrimEnd() + "\n\n" + marked + "\n";
        File.WriteAllText(path, updated);
        return Path.GetDirectoryName(path)!;
    }

    /// <summary>The repository the benchmark runs in, for writing its docs.</summary>
    public static string RepositoryRoot()
    {
        var root = new DirectoryInfo(Environment.CurrentDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sublet.slnx")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Run the benchmark from inside the repository to write its docs.");
        }

        return root.FullName;
    }
}
