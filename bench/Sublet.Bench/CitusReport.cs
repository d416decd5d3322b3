using System.Globalization;
using System.Text;

namespace Sublet.Bench;

/// <summary>The Markdown of a <c>--citus</c> run: Sublet on plain PostgreSQL beside Sublet on Citus, and the move's stalls.</summary>
internal static class CitusReport
{
    public static string Markdown(BenchOptions options, string postgresVersion, string citusVersion, IReadOnlyList<(ThroughputRow Plain, ThroughputRow Citus)> pairs, IReadOnlyList<CitusMoveRow> moves)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Command: `{options.CommandLine}` — {options.DurationSeconds} s per measurement, on a machine of {Environment.ProcessorCount} cores shared with other work, by wrk, the server, one plain PostgreSQL {postgresVersion} and a Citus {citusVersion} coordinator with two workers, all on loopback.");
        text.AppendLine();
        text.AppendLine("pgbench runs the SQL of one request (as in the request-path benchmark) with as many clients, against the same databases: what each database setup serves without Sublet.");
        text.AppendLine();
        text.AppendLine("| tenants | connections | plain req/s | Citus req/s | Citus ÷ plain req/s | plain p99 ms | Citus p99 ms | Citus ÷ plain p99 | pgbench tps: plain / Citus | Citus ÷ plain tps | non-200 | wrong tenant |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (plain, citus) in pairs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {plain.Tenants:N0} | {plain.Connections} | {plain.Wrk.RequestsPerSecond:N0} | {citus.Wrk.RequestsPerSecond:N0} | {citus.Wrk.RequestsPerSecond / plain.Wrk.RequestsPerSecond:P0} | {plain.Wrk.P99Ms:F2} | {citus.Wrk.P99Ms:F2} | {citus.Wrk.P99Ms / plain.Wrk.P99Ms:F1}× | {plain.Ceiling.TransactionsPerSecond:N0} / {citus.Ceiling.TransactionsPerSecond:N0} | {citus.Ceiling.TransactionsPerSecond / plain.Ceiling.TransactionsPerSecond:P0} | {plain.Wrk.NotOk + plain.VerifiedNotOk + citus.Wrk.NotOk + citus.VerifiedNotOk} | {plain.VerifiedWrongTenant + citus.VerifiedWrongTenant} |");
        }

        if (moves.Count > 0)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture,
                $"Moving one tenant of {moves[0].Megabytes:N0} MiB ({moves[0].Rows:N0} rows in `company_data`) between the workers with the library's Citus move (`citus_schema_move`), idle apart from the move's own probe write every 10 ms; writes held is the longest that probe waited:");
            text.AppendLine();
            text.AppendLine("| transfer mode | from → to | writes held ms | whole move s |");
            text.AppendLine("|---|---|---:|---:|");
            foreach (var move in moves)
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| `{move.TransferMode}` | {move.From} → {move.To} | {move.Stall.TotalMilliseconds:N0} | {move.Total.TotalSeconds:N1} |");
            }
        }

        return text.ToString();
    }
}
