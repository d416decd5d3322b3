using System.Diagnostics;

namespace Sublet.Embedded;

/// <summary>Finds the PostgreSQL server programs installed on this machine.</summary>
internal static class PostgresBinaries
{
    public static string Locate(string? configured)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configured))
        {
            candidates.Add(configured);
        }
        else
        {
            if (PgConfigBinDirectory() is { } fromPgConfig)
            {
                candidates.Add(fromPgConfig);
            }

            // Debian and Ubuntu install each major version side by side; prefer the newest.
            if (Directory.Exists("/usr/lib/postgresql"))
            {
                candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql")
                    .Where(dir => int.TryParse(Path.GetFileName(dir), out _))
                    .OrderByDescending(dir => int.Parse(Path.GetFileName(dir), System.Globalization.CultureInfo.InvariantCulture))
                    .Select(dir => Path.Combine(dir, "bin")));
            }

            candidates.Add("/usr/local/pgsql/bin");
            candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries));
        }

        return candidates.FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
            ?? throw new EmbeddedPostgresException(
                "PostgreSQL server programs (initdb, pg_ctl) were not found: install them (Debian/Ubuntu: apt-get install postgresql), set Sublet:Embedded:BinDirectory, or set ConnectionStrings:Sublet to use an existing server.");
    }

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
