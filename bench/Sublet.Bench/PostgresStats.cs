using System.Globalization;
using Npgsql;

namespace Sublet.Bench;

/// <summary>What the server costs PostgreSQL: backends it holds and their private memory.</summary>
internal static class PostgresStats
{
    /// <summary>The server's version, as the report names it.</summary>
    public static async Task<string> ServerVersionAsync(string connectionString, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT split_part(current_setting('server_version'), ' ', 1)");
        return (string)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<(long Backends, double PssMb)> BackendsAsync(string connectionString, string database, CancellationToken cancellationToken)
    {
        var pids = await BackendPidsAsync(connectionString, database, cancellationToken);
        return (pids.Count, pids.Sum(ProportionalMegabytes));
    }

    /// <summary>The client backends connected to <paramref name="database"/>.</summary>
    public static async Task<IReadOnlyList<int>> BackendPidsAsync(string connectionString, string database, CancellationToken cancellationToken)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
        command.Parameters.Add(new NpgsqlParameter { Value = database });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var pids = new List<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            pids.Add(reader.GetInt32(0));
        }

        return pids;
    }

    // Pss shares shared buffers out among the processes using them, so the sum is not inflated by them.
    private static double ProportionalMegabytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(text => text.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return 0;
        }
        catch (UnauthorizedAccessException)
        {
            return 0;
        }
    }
}
