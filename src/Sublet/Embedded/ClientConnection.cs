using System.Globalization;
using Npgsql;

namespace Sublet.Embedded;

/// <summary>How PostgreSQL's client programs (<c>pg_dump</c>, <c>psql</c>) reach the database a connection string names.</summary>
internal sealed record ClientConnection(IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string>? Environment)
{
    public static ClientConnection For(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        List<string> arguments =
        [
            "--host", settings.Host ?? "localhost",
            "--port", settings.Port.ToString(CultureInfo.InvariantCulture),
            "--dbname", settings.Database ?? "postgres",
            "--no-password",
        ];
        if (settings.Username is { } username)
        {
            arguments.AddRange(["--username", username]);
        }

        // The password travels in the environment, never on the command line where ps would show it.
        var environment = settings.Password is { } password
            ? new Dictionary<string, string> { ["PGPASSWORD"] = password }
            : null;
        return new ClientConnection(arguments, environment);
    }

    /// <summary>
    /// Runs <paramref name="program"/> (<c>pg_dump</c>, <c>psql</c>) from <paramref name="binDirectory"/> against this
    /// database; null when it succeeds, else the last line it wrote, which is where these programs say what went wrong.
    /// </summary>
    public async Task<string?> RunAsync(string binDirectory, string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ProcessRunner.RunAsync(
            Path.Combine(binDirectory, program), [.. Arguments, .. arguments], asServiceUser: false, Environment, cancellationToken);
        return exitCode == 0 ? null : output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "no output";
    }
}
