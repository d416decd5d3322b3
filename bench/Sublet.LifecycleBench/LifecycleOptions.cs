using System.Globalization;

namespace Sublet.LifecycleBench;

/// <summary>Command-line settings: <c>--creates 1000 --tenants 10000 --parallel 4 --propagation 50 [--durable] [--smoke] [--write-docs]</c>.</summary>
internal sealed record LifecycleOptions(int Creates, int Tenants, int Parallelism, int Propagations, bool Durable, bool WriteDocs, string CommandLine)
{
    public static LifecycleOptions Parse(string[] args)
    {
        var creates = 1_000;
        var tenants = 10_000;
        var parallelism = 4;
        var propagations = 50;
        var durable = false;
        var writeDocs = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--creates": creates = Number(args[++i]); break;
                case "--tenants": tenants = Number(args[++i]); break;
                case "--parallel": parallelism = Number(args[++i]); break;
                case "--propagation": propagations = Number(args[++i]); break;
                case "--durable": durable = true; break;
                case "--write-docs": writeDocs = true; break;
                case "--smoke":
                    creates = 50;
                    tenants = 50;
                    propagations = 10;
                    break;
                default: throw new ArgumentException($"Unknown option '{args[i]}'. Use --creates N --tenants N --parallel P --propagation N --durable --smoke --write-docs.");
            }
        }

        return new LifecycleOptions(creates, tenants, parallelism, propagations, durable, writeDocs, "bench/lifecycle " + string.Join(' ', args));
    }

    private static int Number(string text)
    {
        var value = int.Parse(text, CultureInfo.InvariantCulture);
        return value >= 1 ? value : throw new ArgumentException($"'{text}' must be at least 1.");
    }
}
