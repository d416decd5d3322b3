using System.Diagnostics;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The built <c>sublet</c> tool as an OS process of its own, reading its settings from the folder it runs in.</summary>
public sealed class CliSettingsTests(PostgresCluster cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_tenants_address_uses_the_server_name_set_for_the_environment_as_the_server_reads_it()
    {
        var connectionString = await cluster.CreateDatabaseAsync(Token);
        var folder = Directory.CreateTempSubdirectory("sublet-cli-settings-");
        try
        {
            // Where a Production deployment keeps its settings; the server reads this file too.
            await File.WriteAllTextAsync(
                Path.Combine(folder.FullName, "appsettings.Production.json"), """{ "Sublet": { "ServerName": "tenants.example.test:8443" } }""", Token);

            var (exitCode, output, error) = await RunToolAsync(folder.FullName, "tenants", "create", "named-co", "--connection", connectionString);

            Assert.True(exitCode == 0, error);
            Assert.Contains("http://named-co.tenants.example.test:8443/", output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunToolAsync(string workingDirectory, params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sublet.Cli.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var variable in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "Sublet__ServerName" })
        {
            startInfo.Environment.Remove(variable);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var error = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return (process.ExitCode, await output, await error);
    }
}
