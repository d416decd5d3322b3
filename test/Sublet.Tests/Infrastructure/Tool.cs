using System.Diagnostics;
using System.Net;
using Sublet.Cli;

namespace Sublet.Tests.Infrastructure;

/// <summary>The <c>sublet</c> tool run in-process, and waits for a running server to see what it did.</summary>
public static class Tool
{
    public static async Task<ToolResult> RunAsync(string connectionString, string[] args, string stdin = "")
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CliConsole(new StringReader(stdin), output, error);
        var exitCode = await CliApp.RunAsync([.. args, "--connection", connectionString], console, TestContext.Current.CancellationToken);
        return new ToolResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// GETs <paramref name="path"/> until it answers <paramref name="expected"/> or five seconds pass, and returns the
    /// last status: the server learns of changes made by another process a moment after they commit.
    /// </summary>
    public static async Task<HttpStatusCode> WaitForStatusAsync(HostClient client, string path, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        var status = (await client.GetAsync(path)).StatusCode;
        while (status != expected && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
            status = (await client.GetAsync(path)).StatusCode;
        }

        return status;
    }
}

/// <summary>What one run of the tool did.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error);
