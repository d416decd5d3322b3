using System.Net;
using Sublet.Cli;
using Sublet.Commands;

namespace Sublet.Tests.Infrastructure;

/// <summary>The <c>sublet</c> tool run in-process, and waits for a running server to see what it did.</summary>
public static class Tool
{
    /// <summary>Runs the tool against <paramref name="connectionString"/>.</summary>
    public static Task<ToolResult> RunAsync(string connectionString, string[] args, string stdin = "", bool inputIsTerminal = false) =>
        RunRawAsync([.. args, "--connection", connectionString], stdin, inputIsTerminal);

    /// <summary>Runs the tool with exactly <paramref name="args"/>.</summary>
    public static async Task<ToolResult> RunRawAsync(string[] args, string stdin = "", bool inputIsTerminal = false)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = new CommandConsole(new StringReader(stdin), output, error, inputIsTerminal);
        var exitCode = await SubletTool.RunAsync(args, console, TestContext.Current.CancellationToken);
        return new ToolResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>
    /// GETs <paramref name="path"/> until it answers <paramref name="expected"/> or five seconds pass, and returns the
    /// last status: the server learns of changes made by another process a moment after they commit.
    /// </summary>
    public static Task<HttpStatusCode> WaitForStatusAsync(HostClient client, string path, HttpStatusCode expected) =>
        client.WaitForStatusAsync(path, expected, TimeSpan.FromSeconds(5));
}

/// <summary>What one run of the tool did.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error);
