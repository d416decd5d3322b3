using System.Globalization;

namespace Sublet.Bench;

/// <summary>Command-line settings: <c>--tenants 2,10000 --connections 16,64 --duration 10 [--smoke] [--soak] [--write-docs]</c>.</summary>
internal sealed record BenchOptions(IReadOnlyList<int> TenantCounts, IReadOnlyList<int> Connections, int DurationSeconds, bool WriteDocs, bool Soak, string CommandLine)
{
    public static BenchOptions Parse(string[] args)
    {
        var tenants = new List<int> { 2 };
        var connections = new List<int> { 16, 64 };
        var duration = 10;
        var writeDocs = false;
        var soak = args.Contains("--soak");
        var smoke = args.Contains("--smoke");
        if (soak)
        {
            tenants = [20];
            duration = smoke ? 20 : 120;
        }

        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--tenants": tenants = Numbers(args[++i]); break;
                case "--connections": connections = Numbers(args[++i]); break;
                case "--duration": duration = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--write-docs": writeDocs = true; break;
                case "--soak": break;
                case "--smoke" when soak: break;
                case "--smoke":
                    tenants = [2];
                    connections = [16];
                    duration = 5;
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Use --tenants N[,N] --connections C[,C] --duration S --smoke --soak --write-docs.");
            }
        }

        return new BenchOptions(tenants, connections, duration, writeDocs, soak, "bench/run " + string.Join(' ', args));
    }

    private static List<int> Numbers(string text) => [.. text.Split(',').Select(part => int.Parse(part, CultureInfo.InvariantCulture))];
}
