using System.Globalization;

namespace Sublet.Bench;

/// <summary>
/// Command-line settings: <c>--tenants 2,10000 --connections 16,64 --duration 10 [--series N] [--set Key=Value]…
/// [--npgsql 'Keyword=Value;…'] [--variant …]… [--postgres-bin DIR] [--smoke] [--soak] [--write-docs]</c>. <c>--series</c> measures N successive intervals instead of one, to show
/// whether the rate is still climbing; <c>--set</c> passes a configuration setting to the server and <c>--npgsql</c>
/// appends to its connection string; each <c>--variant</c> (see <see cref="BenchVariant"/>) is measured in turn against
/// the same databases, so configurations are compared within one run; <c>--postgres-bin</c> runs the cluster from another
/// PostgreSQL's programs than the installed ones, to compare server versions. <c>--citus</c> measures Sublet on a
/// Citus coordinator and two workers beside plain PostgreSQL (2 and 1,000 tenants unless <c>--tenants</c> says
/// otherwise), and a Citus move of a tenant of <c>--move-mb</c> MB (100) in each transfer mode.
/// </summary>
internal sealed record BenchOptions(
    IReadOnlyList<int> TenantCounts,
    IReadOnlyList<int> Connections,
    int DurationSeconds,
    bool WriteDocs,
    bool Soak,
    string CommandLine,
    int Series = 1,
    IReadOnlyList<string>? ServerSettings = null,
    string NpgsqlSettings = "",
    IReadOnlyList<BenchVariant>? VariantList = null,
    string? PostgresBin = null,
    bool Citus = false,
    int MoveMegabytes = 100)
{
    /// <summary>The server configurations to compare, each against the same databases; one unnamed by default.</summary>
    public IReadOnlyList<BenchVariant> Variants => VariantList is { Count: > 0 } ? VariantList : [BenchVariant.Default];

    /// <summary>pgbench, a client, comes from the installed PostgreSQL when the server's programs come from a folder without it.</summary>
    public string PgbenchDirectory => PostgresBin is { } bin && File.Exists(Path.Combine(bin, "pgbench")) ? bin : Sublet.Embedded.PostgresBinaries.Locate(null);

    public static BenchOptions Parse(string[] args)
    {
        var tenants = new List<int> { 2 };
        var connections = new List<int> { 16, 64 };
        var duration = 10;
        var writeDocs = false;
        var series = 1;
        var settings = new List<string>();
        var npgsql = "";
        var variants = new List<BenchVariant>();
        string? postgresBin = null;
        var soak = args.Contains("--soak");
        var smoke = args.Contains("--smoke");
        var citus = args.Contains("--citus");
        var moveMegabytes = smoke ? 5 : 100;
        if (soak)
        {
            tenants = [20];
            duration = smoke ? 20 : 120;
        }
        else if (citus)
        {
            tenants = smoke ? [2] : [2, 1_000];
            connections = [16];
        }

        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tenants": tenants = Numbers(args[++i]); break;
                case "--connections": connections = Numbers(args[++i]); break;
                case "--duration": duration = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--write-docs": writeDocs = true; break;
                case "--series": series = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--set": settings.Add("--" + args[++i]); break;
                case "--npgsql": npgsql += ";" + args[++i]; break;
                case "--variant": variants.Add(BenchVariant.Parse(args[++i])); break;
                case "--postgres-bin": postgresBin = Path.GetFullPath(args[++i]); break;
                case "--soak": break;
                case "--citus": break;
                case "--move-mb": moveMegabytes = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--smoke" when soak: break;
                case "--smoke":
                    tenants = [2];
                    connections = [16];
                    duration = 5;
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Use --tenants N[,N] --connections C[,C] --duration S --series N --set Key=Value --npgsql 'Keyword=Value' --variant 'Key=Value;npgsql:Keyword=Value' --postgres-bin DIR --citus --move-mb MB --smoke --soak --write-docs.");
            }
        }

        return new BenchOptions(tenants, connections, duration, writeDocs, soak, "bench/run " + string.Join(' ', args), Math.Max(1, series), settings, npgsql, variants, postgresBin, citus, moveMegabytes);
    }

    private static List<int> Numbers(string text) => [.. text.Split(',').Select(part => int.Parse(part, CultureInfo.InvariantCulture))];
}
