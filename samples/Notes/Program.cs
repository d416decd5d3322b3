using Microsoft.Extensions.Options;
using Notes;
using Npgsql;
using Sublet.Embedded;
using Sublet.Migrations;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSublet()                              // settings from the "Sublet" section
    .AddTenantMigrations(typeof(Program).Assembly)        // Migrations/Tenant/NNNN_name.sql
    .AddTenantSessions();                                 // cookie sessions bound to their tenant
builder.Services.AddTenantDbContext<NotesDb>();           // EF Core on the request's tenant connection
// A failed start is reported below as one line; the host would log a stack trace first.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

try
{
    await using var app = builder.Build();
    app.UseSublet();                                      // 400 / 404 / 403 for hosts it cannot serve
    app.UseAuthentication();
    app.UseAuthorization();
    app.MapSubletLogin();                                 // POST /login, POST /logout on every tenant's host
    app.MapNotesApi();                                    // GET and POST /notes on every tenant's host
    return await app.RunSubletAsync(args);                // serves, or runs `tenants ...`, `users ...`, `migrate`
}
catch (Exception exception) when (exception is MigrationException or OptionsValidationException or NpgsqlException or EmbeddedPostgresException)
{
    await Console.Error.WriteLineAsync($"notes: {exception.Message}");
    return 1;
}
