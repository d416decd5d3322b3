using System.Globalization;
using System.Text;

namespace Sublet.LifecycleBench;

/// <summary>The Markdown section of one run, printed and optionally written to docs/benchmarks.md.</summary>
internal static class LifecycleReport
{
    private const string Begin = "<!-- bench:lifecycle -->";
    private const string End = "<!-- /bench:lifecycle -->";
    private const string Heading = "## Tenant lifecycle: creating tenants and migrating every schema";

    public static string Markdown(LifecycleOptions options, LifecycleResult result)
    {
        const double mib = 1024 * 1024;
        var catalog = result.Catalog;
        var text = new StringBuilder();
        text.AppendLine("```sh");
        text.AppendLine(options.CommandLine);
        text.AppendLine("```");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores shared by the benchmark and PostgreSQL {result.PostgresVersion}, {(options.Durable ? "fsync on" : "fsync off (as the request-path benchmark; `--durable` turns it on)")}, load average {result.LoadAverage} before the run. Creates go through the library's `ITenantProvisioner` one at a time (catalog row, schema, every tenant migration, the new row read into the catalog); migrations through `ITenantMigrator`, as `sublet migrate` runs them.");
        text.AppendLine();
        text.AppendLine("| measurement | result | target |");
        text.AppendLine("|---|---:|---:|");
        text.AppendLine(CultureInfo.InvariantCulture, $"| create one tenant, {options.Creates:N0} one by one: p50 | {result.CreatePercentile(0.5):F1} ms | ≤ 30 ms |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| create one tenant: p99 | {result.CreatePercentile(0.99):F1} ms | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| create one tenant: max | {result.CreateMs.Max():F1} ms | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| `migrate`, one new `ALTER TABLE company_data ADD COLUMN` over {options.Tenants:N0} tenants, `--parallel {options.Parallelism}` | {result.MigrateSeconds:F1} s ({result.Migrated:N0} migrated) | ≤ 60 s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| `migrate` with nothing to do, {options.Tenants:N0} tenants up to date | {result.NoOpAfterSeconds * 1000:F0} ms | ≤ 2 s |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| bulk setup of {options.Tenants:N0} tenants (set-based SQL, same history) | {result.BulkSetupSeconds:F1} s | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| `pg_class` rows in the {options.Tenants:N0}-tenant database | {catalog.Relations:N0} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| `pg_total_relation_size`: `pg_class` / `pg_attribute` | {catalog.PgClassBytes / mib:F1} MiB / {catalog.PgAttributeBytes / mib:F1} MiB | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| one backend after reading `company_data` in every tenant: memory contexts / of which relation cache | {catalog.BackendContextBytes / mib:F1} MiB / {catalog.BackendCacheBytes / mib:F1} MiB | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| that backend's proportional set size (PSS) | {(double.IsNaN(catalog.BackendPssMb) ? "n/a" : catalog.BackendPssMb.ToString("F1", CultureInfo.InvariantCulture) + " MiB")} | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| database size (`pg_database_size`) / per tenant | {catalog.DatabaseBytes / mib:F0} MiB / {catalog.DatabaseBytes / 1024.0 / options.Tenants:F0} KiB | |");
        var scale = result.Scale;
        text.AppendLine(CultureInfo.InvariantCulture, $"| a serving instance's start-up at {options.Tenants:N0} tenants (central migrations checked, catalog read) | {scale.StartSeconds * 1000:F0} ms | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| the in-memory catalog: managed heap per tenant | {scale.BytesPerTenant:F0} B | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| one full read of the catalog (what each change cost every instance before changes named their tenant) | {scale.FullReadMs:F1} ms | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| request-path lookup by host, over every tenant: concurrent map (now) / frozen map (before) | {scale.LookupNs:F0} ns / {scale.FrozenLookupNs:F0} ns | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| create one tenant with {options.Tenants:N0} existing, 10/s while a second instance watches: p50 / p99 | {LifecycleResult.Percentile(scale.CreateMs, 0.5):F1} ms / {LifecycleResult.Percentile(scale.CreateMs, 0.99):F1} ms | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| `tenants list`: first page of 100 / a page at the far end / all {options.Tenants:N0} | {scale.ListFirstPageMs:F1} ms / {scale.ListLastPageMs:F1} ms / {scale.ListAllMs:F0} ms | |");
        text.AppendLine(CultureInfo.InvariantCulture, $"| create's commit → routable on a second instance, {scale.PropagationMs.Count} creates at 10/s: p50 / p99 | {LifecycleResult.Percentile(scale.PropagationMs, 0.5):F1} ms / {LifecycleResult.Percentile(scale.PropagationMs, 0.99):F1} ms | |");
        return text.ToString();
    }

    /// <summary>Replaces this benchmark's section of docs/benchmarks.md, or appends it; other sections stay as they are.</summary>
    public static void WriteDocs(string markdown)
    {
        var root = new DirectoryInfo(Environment.CurrentDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Sublet.slnx")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Run the benchmark from inside the repository to write docs/benchmarks.md.");
        }

        var path = Path.Combine(root.FullName, "docs", "benchmarks.md");
        var existing = File.Exists(path) ? File.ReadAllText(path) : "# Benchmarks\n";
        var section = $"{Begin}\n{markdown}{End}";
        var start = existing.IndexOf(Begin, StringComparison.Ordinal);
        var stop = existing.IndexOf(End, StringComparison.Ordinal);
        var updated = start >= 0 && stop > start
            ? existing[..start] + section + existing[(stop + End.Length)..]
            : existing.TrimEnd() + "\n\n" + Heading + "\n\n### Latest run\n\n" + section + "\n";
        File.WriteAllText(path, updated);
    }
}
