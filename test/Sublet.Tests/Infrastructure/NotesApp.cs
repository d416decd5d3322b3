using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sublet.Commands;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Tests.Infrastructure;

/// <summary>
/// A second app on the library, knowing nothing of the demo server: its own tenant migrations (a <c>member</c> table
/// for its users, a <c>note</c> table), its users' table named in <c>Sublet:Users</c>, the library's login, and
/// <c>GET /notes</c>. Runs on Kestrel at 127.0.0.1 or runs its commands, as its Program would.
/// </summary>
public static class NotesApp
{
    public static WebApplication Build(string connectionString, params string[] settings)
    {
        var builder = WebApplication.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Sublet={connectionString}",
            "--Sublet:ServerName=localhost",
            "--Sublet:Passwords:Iterations=2000",
            "--Sublet:Users:Table=member",
            "--Sublet:Users:UsernameColumn=login",
            "--Sublet:Users:PasswordColumn=secret",
            "--Logging:LogLevel:Default=Warning",
            .. settings.Select(setting => "--" + setting),
        ]);
        builder.Services.AddSublet()
            .AddTenantMigrations(typeof(NotesApp).Assembly)
            .AddTenantSessions();
        var app = builder.Build();
        app.UseSublet();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSubletLogin();
        app.MapGet("/notes", async (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT count(*) FROM note", cancellationToken: cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return new { Notes = reader.GetInt64(0) };
        }).RequireTenant().RequireAuthorization();
        return app;
    }

    /// <summary>Runs one command line in a NotesApp host, as <c>dotnet notes.dll ...</c> would.</summary>
    public static async Task<ToolResult> RunAsync(string connectionString, string[] args, string stdin = "", params string[] settings)
    {
        await using var app = Build(connectionString, settings);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await app.RunSubletCommandAsync(args, new CommandConsole(new StringReader(stdin), output, error), TestContext.Current.CancellationToken);
        return new ToolResult(exitCode, output.ToString(), error.ToString());
    }
}
