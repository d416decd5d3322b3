using System.Diagnostics;
using System.Net;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// Sublet's commands run by the app itself: the demo server's own Program, and <see cref="NotesApp"/>, a second app
/// with its own migrations and users table, which the commands and the library's login serve as they serve the demo.
/// </summary>
public sealed class AppCommandsTests(PostgresCluster cluster)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_servers_own_program_runs_its_commands_and_exits_without_serving()
    {
        var connectionString = await cluster.CreateDatabaseAsync(Token);

        // A server would listen and never exit; a command ends, here within the limit or the test fails.
        var demo = await RunServerProgramAsync("demo", "--connection", connectionString);
        var list = await RunServerProgramAsync("tenants", "list", "--connection", connectionString);

        Assert.True(demo.ExitCode == 0, demo.Error);
        Assert.Contains("Created demo tenant company1", demo.Output, StringComparison.Ordinal);
        Assert.True(list.ExitCode == 0, list.Error);
        Assert.Contains("company2", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("info:", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_app_makes_tenants_with_its_own_migrations_and_users_who_log_in_through_the_library()
    {
        var connectionString = await cluster.CreateDatabaseAsync(Token);

        var created = await NotesApp.RunAsync(connectionString, ["tenants", "create", "notes-co", "--admin", "ann", "--password-stdin"], "ann-secret\n");
        var added = await NotesApp.RunAsync(connectionString, ["users", "add", "bob", "--tenant", "notes-co", "--password-stdin"], "bob-secret\n");
        var listed = await NotesApp.RunAsync(connectionString, ["users", "list", "--tenant", "notes-co"]);
        var migrated = await NotesApp.RunAsync(connectionString, ["migrate"]);

        Assert.Equal((0, ""), (created.ExitCode, created.Error));
        Assert.Equal((0, ""), (added.ExitCode, added.Error));
        Assert.Equal("ann\nbob\n", listed.Output.ReplaceLineEndings("\n"));
        Assert.Contains("0 tenants migrated, 0 failed, 1 already at version 2", migrated.Output, StringComparison.Ordinal);

        await using var app = NotesApp.Build(connectionString);
        await app.StartAsync(Token);
        var address = new Uri(app.Urls.First());
        using var client = new HostClient(address, $"notes-co.localhost:{address.Port}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("bob", "ann-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("nobody", "bob-secret")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("bob", "bob-secret")).StatusCode);
        var notes = await client.GetAsync("/notes");
        Assert.Equal(HttpStatusCode.OK, notes.StatusCode);
        Assert.Equal("""{"notes":0}""", await notes.Content.ReadAsStringAsync(Token));
        await app.StopAsync(Token);
    }

    [Fact]
    public async Task A_tenant_whose_history_names_another_apps_migrations_is_refused_for_that_not_called_edited()
    {
        var connectionString = await cluster.CreateDatabaseAsync(Token);
        Assert.Equal(0, (await Tool.RunAsync(connectionString, ["tenants", "create", "seed-co"])).ExitCode);

        var migrate = await NotesApp.RunAsync(connectionString, ["migrate"]);

        Assert.Equal(1, migrate.ExitCode);
        Assert.Contains(
            "seed-co: FAILED Schema 'seed_co' has migrations applied that this app does not have: 0001_seed_tables.",
            migrate.Output,
            StringComparison.Ordinal);
        Assert.DoesNotContain("edited", migrate.Output, StringComparison.Ordinal);
        Assert.Equal("sublet: 1 of 1 tenants failed to migrate: seed-co.", migrate.Error.Trim());
    }

    [Fact]
    public async Task A_users_table_name_that_is_not_a_plain_identifier_is_refused_before_any_sql()
    {
        var connectionString = await cluster.CreateDatabaseAsync(Token);
        Assert.Equal(0, (await NotesApp.RunAsync(connectionString, ["tenants", "create", "named-co"])).ExitCode);

        var result = await NotesApp.RunAsync(connectionString, ["users", "list", "--tenant", "named-co"], "", "Sublet:Users:Table=member; DROP TABLE note");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sublet: Sublet:Users:Table 'member; DROP TABLE note' is not a table or column name", line, StringComparison.Ordinal);
        Assert.Equal(0, (await NotesApp.RunAsync(connectionString, ["users", "list", "--tenant", "named-co"])).ExitCode);
    }

    [Fact]
    public async Task An_empty_connection_option_is_refused_with_one_line_not_replaced_by_the_embedded_cluster()
    {
        var result = await Tool.RunRawAsync(["tenants", "list", "--connection", ""]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("sublet: --connection is empty: give a connection string, or leave the option out to use ConnectionStrings:Sublet or else the embedded cluster.", result.Error.Trim());
    }

    private static async Task<ToolResult> RunServerProgramAsync(params string[] args)
    {
        var startInfo = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        startInfo.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sublet.Server.dll"));
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }

        startInfo.ArgumentList.Add("--urls=http://127.0.0.1:0");
        using var process = Process.Start(startInfo)!;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Token);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(limit.Token);
        var error = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new ToolResult(process.ExitCode, await output, await error);
    }
}
