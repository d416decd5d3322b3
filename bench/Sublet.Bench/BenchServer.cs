using System.Globalization;
using Sublet.Testing;

namespace Sublet.Bench;

/// <summary>An app (Sublet.Server in Release, or a yardstick app) as a <see cref="ServerProcess"/> with the benchmarks' settings.</summary>
internal static class BenchServer
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(1);

    public static Task<ServerProcess> StartAsync(string appDll, string connectionString, CancellationToken cancellationToken, params IEnumerable<string> settings) =>
        StartAsync(appDll, connectionString, new Dictionary<string, string>(), cancellationToken, settings);

    public static Task<ServerProcess> StartAsync(
        string appDll,
        string connectionString,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken,
        params IEnumerable<string> settings)
    {
        string[] all =
        [
            "--Sublet:ServerName=localhost",
            "--Sublet:LoadDemo=false",
            $"--Sublet:Passwords:Iterations={BenchDatabase.CheapRounds}",
            // The login benchmark measures hashing throughput, which the brute-force limits would cut short.
            "--Sublet:LoginLimits:PerUserPermitLimit=1000000",
            "--Sublet:LoginLimits:PerAddressPermitLimit=1000000",
            // Throughput runs push one tenant far past the per-tenant limit meant for noisy neighbours.
            "--Sublet:Limits:ConcurrentRequestsPerTenant=0",
            .. settings,
        ];
        return ServerProcess.StartAsync(
            appDll, connectionString, all, StartLimit, cancellationToken, environment: environment, echo: line => Console.Error.WriteLine($"  server: {line}"));
    }

    /// <summary>Resident memory of the server process, in MiB.</summary>
    public static double ResidentMegabytes(this ServerProcess server)
    {
        foreach (var line in File.ReadLines($"/proc/{server.ProcessId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return double.NaN;
    }
}
