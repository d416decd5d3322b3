using System.Diagnostics;

namespace Sublet.Tests.Reliability;

/// <summary>The server process itself, started with settings it cannot run with: one line on stderr, exit code 1.</summary>
public sealed class StartupErrorTests
{
    [Theory]
    [InlineData("--Sublet:ServerName=bad..name", "Sublet:ServerName 'bad..name' is not a host name")]
    [InlineData("--Sublet:ForwardedHeaders:KnownProxies:0=proxy.internal", "Sublet:ForwardedHeaders:KnownProxies entry 'proxy.internal' is not an IP address")]
    [InlineData("--ConnectionStrings:Sublet=Host=127.0.0.1;Port=1;Username=nobody;Password=none;Database=none;Timeout=2", "Failed to connect to 127.0.0.1:1")]
    public async Task A_start_that_cannot_succeed_prints_one_line_and_exits_1(string setting, string message)
    {
        await AssertOneLineAndExit1Async(message, setting);
    }

    [Fact]
    public async Task A_tenant_migration_file_the_build_did_not_embed_prints_one_line_and_exits_1()
    {
        var root = Directory.CreateTempSubdirectory("sublet-root-");
        try
        {
            var folder = Directory.CreateDirectory(Path.Combine(root.FullName, "Migrations", "Tenant")).FullName;
            await File.WriteAllTextAsync(Path.Combine(folder, "0099_not_embedded.sql"), "CREATE TABLE later (id int);", TestContext.Current.CancellationToken);

            await AssertOneLineAndExit1Async("Migrations/Tenant holds 0099_not_embedded.sql, but the app embeds no such tenant migration", $"--contentRoot={root.FullName}");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static async Task AssertOneLineAndExit1Async(string message, string setting)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "Sublet.Server.dll"), "--urls=http://127.0.0.1:0", setting })
        {
            startInfo.ArgumentList.Add(argument);
        }

        using var server = Process.Start(startInfo)!;
        var output = server.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = server.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        await server.WaitForExitAsync(limit.Token);

        var lines = ((await output) + (await error)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, server.ExitCode);
        var line = Assert.Single(lines);
        Assert.StartsWith("sublet: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
    }
}
