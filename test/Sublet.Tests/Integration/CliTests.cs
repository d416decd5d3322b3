using System.Net;
using System.Text.Json;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>The <c>sublet</c> tool run in-process against a running server's database.</summary>
public sealed class CliTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tenants_are_created_listed_shown_and_deleted_with_exit_code_0()
    {
        var created = await RunAsync(["tenants", "create", "cli-made"]);
        Assert.Equal((0, ""), (created.ExitCode, created.Error));
        Assert.Contains("Created tenant cli-made (schema cli_made, shard default)", created.Output, StringComparison.Ordinal);

        var list = await RunAsync(["tenants", "list", "--json"]);
        Assert.Equal(0, list.ExitCode);
        var slugs = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Select(tenant => tenant.GetProperty("slug").GetString()).ToList();
        Assert.Contains("cli-made", slugs);
        Assert.Contains("company1", slugs);

        var show = await RunAsync(["tenants", "show", "cli-made", "--json"]);
        var tenant = JsonDocument.Parse(show.Output).RootElement;
        Assert.Equal(("cli_made", "active", 1), (tenant.GetProperty("schemaName").GetString(), tenant.GetProperty("status").GetString(), tenant.GetProperty("migrationVersion").GetInt32()));

        Assert.Equal(0, (await RunAsync(["tenants", "delete", "cli-made"])).ExitCode);
        Assert.False(await Database.SchemaExistsAsync(server.DataSource, "cli_made"));
    }

    [Theory]
    [InlineData(new[] { "tenants", "create", "Bad" }, "'Bad' is not a valid tenant slug")]
    [InlineData(new[] { "tenants", "create", "www" }, "'www' is a reserved subdomain")]
    [InlineData(new[] { "tenants", "create", "company1" }, "already exists")]
    [InlineData(new[] { "tenants", "create", "x;drop" }, "is not a valid tenant slug")]
    [InlineData(new[] { "tenants", "create", "ok-slug", "--admin", "boss" }, "--admin and --password-stdin go together")]
    [InlineData(new[] { "tenants", "show", "nobody" }, "No tenant 'nobody'.")]
    [InlineData(new[] { "tenants", "rename", "company1", "company2" }, "already exists")]
    [InlineData(new[] { "tenants", "adopt" }, "Name one schema")]
    [InlineData(new[] { "tenants", "adopt", "no_such_schema" }, "does not exist")]
    [InlineData(new[] { "users", "list", "--tenant", "nobody" }, "No tenant 'nobody'.")]
    [InlineData(new[] { "users", "remove", "ghost", "--tenant", "company1" }, "No user 'ghost'")]
    [InlineData(new[] { "migrate", "--tenant", "nobody" }, "No tenant 'nobody'.")]
    [InlineData(new[] { "migrate", "--parallel", "0" }, "--parallel must be between 1 and 64")]
    [InlineData(new[] { "tenants", "list", "--limit", "0" }, "--limit must be at least 1")]
    [InlineData(new[] { "tenants" }, "Required command was not provided")]
    [InlineData(new[] { "tenants", "frobnicate" }, "frobnicate")]
    public async Task A_failing_command_exits_1_with_one_clear_line_on_stderr(string[] args, string message)
    {
        var result = await RunAsync(args);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("sublet: ", line, StringComparison.Ordinal);
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_database_is_one_line_not_a_stack_trace()
    {
        var result = await CliAsync(["tenants", "list", "--connection", "Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2"]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("sublet: ", Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_explains_and_exits_0()
    {
        var result = await CliAsync(["migrate", "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--dry-run", result.Output, StringComparison.Ordinal);
        Assert.Contains("--parallel", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_refuses_without_yes_when_a_person_is_at_the_terminal()
    {
        Assert.Equal(0, (await RunAsync(["tenants", "create", "careful"])).ExitCode);

        var refused = await RunAsync(["tenants", "delete", "careful"], inputIsTerminal: true);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("add --yes to confirm", refused.Error, StringComparison.Ordinal);
        Assert.True(await Database.SchemaExistsAsync(server.DataSource, "careful"));
        Assert.Equal(0, (await RunAsync(["tenants", "delete", "careful", "--yes"], inputIsTerminal: true)).ExitCode);
    }

    [Fact]
    public async Task A_first_admin_from_stdin_can_log_in_and_users_are_managed_from_the_tool()
    {
        Assert.Equal(0, (await RunAsync(["tenants", "create", "staffed", "--admin", "boss", "--password-stdin"], stdin: "s3cret\n")).ExitCode);
        using var client = server.Client("staffed.localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, await client.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5)));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("boss", "s3cret")).StatusCode);

        Assert.Equal(0, (await RunAsync(["users", "add", "clerk", "--tenant", "staffed"], stdin: "first\n")).ExitCode);
        Assert.Equal(0, (await RunAsync(["users", "passwd", "clerk", "--tenant", "staffed"], stdin: "second\n")).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("clerk", "first")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("clerk", "second")).StatusCode);
        Assert.Equal("boss\nclerk\n", (await RunAsync(["users", "list", "--tenant", "staffed"])).Output.ReplaceLineEndings("\n"));

        Assert.Equal(0, (await RunAsync(["users", "remove", "clerk", "--tenant", "staffed"])).ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("clerk", "second")).StatusCode);
        var duplicate = await RunAsync(["users", "add", "boss", "--tenant", "staffed"], stdin: "x\n");
        Assert.Equal((1, "sublet: User 'boss' already exists in tenant staffed."), (duplicate.ExitCode, duplicate.Error.Trim()));
    }

    [Fact]
    public async Task A_password_is_never_taken_from_an_empty_stdin()
    {
        var result = await RunAsync(["users", "add", "nopass", "--tenant", "company1"]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No password on standard input", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adopt_all_registers_schemas_made_by_the_seed_sql_and_their_users_log_in()
    {
        await Database.ExecuteAsync(server.DataSource, Database.SeedSchemaSql("seeded_one", "user_1") + Database.SeedSchemaSql("seeded_two", "user_2"));

        var result = await RunAsync(["tenants", "adopt", "--all", "--json"]);

        Assert.Equal(0, result.ExitCode);
        var adopted = JsonDocument.Parse(result.Output).RootElement.EnumerateArray().ToDictionary(item => item.GetProperty("schema").GetString()!, item => item.GetProperty("slug").GetString());
        Assert.Equal("seeded-one", adopted["seeded_one"]);
        Assert.Equal("seeded-two", adopted["seeded_two"]);
        // The server learns of the new catalog rows by notification, a moment after the tool commits.
        using var client = server.Client("seeded-two.localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, await client.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5)));
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("user_2")).StatusCode);
        var migrate = await RunAsync(["migrate", "--dry-run"]);
        Assert.Equal(0, migrate.ExitCode);
        Assert.Contains("0 tenants would migrate", migrate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_server_sees_a_tenant_the_tool_creates_within_a_second()
    {
        Assert.Equal(0, (await RunAsync(["tenants", "create", "from-the-tool"])).ExitCode);

        using var client = server.Client("from-the-tool.localhost");
        Assert.Equal(HttpStatusCode.Unauthorized, await client.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1)));

        Assert.Equal(0, (await RunAsync(["tenants", "suspend", "from-the-tool"])).ExitCode);
        Assert.Equal(HttpStatusCode.Forbidden, await client.WaitForStatusAsync("/data", HttpStatusCode.Forbidden, TimeSpan.FromSeconds(1)));
    }

    private Task<ToolResult> RunAsync(string[] args, string stdin = "", bool inputIsTerminal = false) =>
        Tool.RunAsync(server.ConnectionString, args, stdin, inputIsTerminal);

    private static Task<ToolResult> CliAsync(string[] args) => Tool.RunRawAsync(args);
}
