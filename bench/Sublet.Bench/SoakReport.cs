using System.Globalization;
using System.Text;

namespace Sublet.Bench;

/// <summary>The soak's Markdown, printed and optionally written to docs/reliability.md.</summary>
internal static class SoakReport
{
    public static string Markdown(BenchOptions options, int tenants, SoakResult result)
    {
        var tally = result.Tally;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Command: `{options.CommandLine}` — {tenants} tenants, {Soak.Workers} client workers (login, {5} reads, logout with the old cookie checked every third round), {Environment.ProcessorCount} cores shared by the client, the server and PostgreSQL, loopback only.");
        text.AppendLine();
        foreach (var line in result.Events)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {line}");
        }

        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---:|");
        Row(text, "requests", $"{tally.Requests:N0} in {result.Seconds:F0} s ({tally.Requests / result.Seconds:N0} req/s)");
        Row(text, "by status", string.Join(", ", tally.ByStatus.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}: {pair.Value:N0}")));
        Row(text, "503 during the restart (with Retry-After)", $"{tally.Outage503:N0}");
        Row(text, "503 from killed backends (within 2 s)", $"{tally.Kill503:N0}");
        Row(text, $"403 from the suspended tenant t{Soak.SuspendedTenant}", $"{tally.Suspended403:N0}");
        Row(text, "other 5xx", $"{result.Other5xx:N0}");
        Row(text, "unexpected responses (incl. 503 outside the outage)", $"{tally.Failures - tally.WrongTenant:N0}");
        Row(text, "wrong-tenant responses", $"{tally.WrongTenant:N0}");
        Row(text, "first 200 after PostgreSQL was back", $"{tally.RecoveryMs:F0} ms");
        Row(text, "server RSS at start / end", $"{result.StartRssMb:F0} / {result.EndRssMb:F0} MiB");
        foreach (var failure in tally.FailureSamples)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"Unexpected: {failure}");
        }

        return text.ToString();
    }

    /// <summary>Writes the section into docs/reliability.md between its markers, under "## Soak".</summary>
    public static void WriteDocs(string markdown)
    {
        var path = Path.Combine(Report.RepositoryRoot(), "docs", "reliability.md");
        var existing = File.ReadAllText(path);
        const string begin = "<!-- bench:soak -->";
        const string end = "<!-- /bench:soak -->";
        var section = $"{begin}\n{markdown}{end}";
        var start = existing.IndexOf(begin, StringComparison.Ordinal);
        var stop = existing.IndexOf(end, StringComparison.Ordinal);
        var updated = start >= 0 && stop > start
            ? existing[..start] + section + existing[(stop + end.Length)..]
            : existing.TrimEnd() + "\n\n## Soak\n\n" + Intro + "\n\n" + section + "\n";
        File.WriteAllText(path, updated);
    }

    private const string Intro =
        "A two-minute mixed run against the Release server on an embedded cluster (`bench/run --soak`): a tenant is " +
        "created through the admin API, another suspended, three backends killed and PostgreSQL restarted, while " +
        "clients keep logging in, reading and logging out. Every response is classified by what was happening when " +
        "it was sent; any 5xx other than 503, any 503 outside the outage or the kill (each plus 2 s for pooled " +
        "connections to drain), and any response naming another tenant's rows fails the run (exit code 1).";

    private static void Row(StringBuilder text, string measure, string value) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {measure} | {value} |");
}
