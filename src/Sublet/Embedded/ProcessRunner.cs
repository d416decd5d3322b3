using System.Diagnostics;

namespace Sublet.Embedded;

/// <summary>Runs a program to completion; as root, runs PostgreSQL's programs as the unprivileged <c>postgres</c> user.</summary>
internal static class ProcessRunner
{
    public const string ServiceUser = "postgres";

    /// <summary>PostgreSQL refuses to run as root, so root hands its programs to <see cref="ServiceUser"/>.</summary>
    public static bool IsRoot { get; } = OperatingSystem.IsLinux() && string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    public static Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, bool asServiceUser, CancellationToken cancellationToken) =>
        RunAsync(program, arguments, asServiceUser, environment: null, cancellationToken);

    /// <summary>Runs <paramref name="program"/> with extra <paramref name="environment"/> variables, e.g. a password kept out of argv.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IEnumerable<string> arguments, bool asServiceUser, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var startInfo = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asServiceUser && IsRoot)
        {
            startInfo.FileName = "runuser";
            startInfo.ArgumentList.Add("-u");
            startInfo.ArgumentList.Add(ServiceUser);
            startInfo.ArgumentList.Add("--");
            startInfo.ArgumentList.Add(program);
        }
        else
        {
            startInfo.FileName = program;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }

        using var process = Process.Start(startInfo) ?? throw new EmbeddedPostgresException($"Could not start {program}.");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}
