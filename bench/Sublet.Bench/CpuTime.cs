using System.Globalization;

namespace Sublet.Bench;

/// <summary>
/// CPU time spent by processes, from <c>/proc</c>. On a machine shared with other work the request rate swings
/// with everyone else's load; the CPU each request costs the server and PostgreSQL barely does, so it is the
/// steadier figure to compare configurations by.
/// </summary>
internal static class CpuTime
{
    // USER_HZ: the unit of /proc/<pid>/stat's times, 100 on every architecture Linux ships.
    private const double TicksPerSecond = 100;

    /// <summary>User plus system seconds of <paramref name="pid"/> (all its threads), or 0 once it has exited.</summary>
    public static double Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name in parentheses may contain spaces; the fields after it do not.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>CPU seconds of each process, keyed by process id.</summary>
    public static Dictionary<int, double> Snapshot(IEnumerable<int> pids) => pids.ToDictionary(pid => pid, Seconds);

    /// <summary>CPU seconds the processes of <paramref name="after"/> spent since <paramref name="before"/> (a new one: all of it).</summary>
    public static double Spent(IReadOnlyDictionary<int, double> before, IReadOnlyDictionary<int, double> after) =>
        after.Sum(pair => pair.Value - before.GetValueOrDefault(pair.Key));
}
