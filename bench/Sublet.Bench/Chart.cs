using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Sublet.Bench;

/// <summary>
/// docs/img/benchmarks.png: req/s (Sublet and the pgbench ceiling) and Sublet's p99 for each tenant count and
/// concurrency, drawn by gnuplot. Skipped with a note when gnuplot is not installed: the table is the record.
/// </summary>
internal static class Chart
{
    public static async Task WriteAsync(string docsFolder, IReadOnlyList<ResultRow> rows, CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        foreach (var row in rows)
        {
            data.AppendLine(CultureInfo.InvariantCulture,
                $"\"{row.Tenants:N0} tenants\\n{row.Connections} conns\" {row.Sublet.RequestsPerSecond:F0} {row.Ceiling.TransactionsPerSecond:F0} {row.Sublet.P99Ms:F2}");
        }

        var dataFile = Path.Combine(Path.GetTempPath(), $"sublet-bench-{Environment.ProcessId}.dat");
        await File.WriteAllTextAsync(dataFile, data.ToString(), cancellationToken);
        var image = Path.Combine(docsFolder, "img", "benchmarks.png");
        Directory.CreateDirectory(Path.GetDirectoryName(image)!);
        var script = $"""
            set terminal pngcairo size 900,480 font ",10"
            set output "{image}"
            set title "Authenticated GET /data: Sublet against the pgbench ceiling (same run)"
            set style data histograms
            set style histogram clustered gap 1
            set style fill solid 0.8 border -1
            set ylabel "requests per second"
            set y2label "Sublet p99 (ms)"
            set y2tics
            set ytics nomirror
            set yrange [0:*]
            set y2range [0:*]
            set key outside top center horizontal
            set bmargin 5
            plot "{dataFile}" using 2:xtic(1) title "Sublet req/s", \
                 "" using 3 title "pgbench tps (ceiling)", \
                 "" using 0:4 axes x1y2 with linespoints lw 2 pt 7 title "Sublet p99 ms"
            """;
        try
        {
            using var gnuplot = Process.Start(new ProcessStartInfo("gnuplot") { RedirectStandardInput = true, UseShellExecute = false })
                ?? throw new InvalidOperationException("gnuplot did not start.");
            await gnuplot.StandardInput.WriteAsync(script);
            gnuplot.StandardInput.Close();
            await gnuplot.WaitForExitAsync(cancellationToken);
            Console.Error.WriteLine(gnuplot.ExitCode == 0 ? $"bench: chart written to {image}" : $"bench: gnuplot exited with {gnuplot.ExitCode}; no chart");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine("bench: gnuplot is not installed (apt-get install gnuplot-nox); no chart");
        }
        finally
        {
            File.Delete(dataFile);
        }
    }
}
