using Microsoft.Extensions.Options;
using Notes;
using Npgsql;
using Sublet.Embedded;
using Sublet.Migrations;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSublet()                              // settings from the "Sublet" section
    .AddTenantMigrations(typeof(Program).Assembly)        // Migrations/Tenant/NNNN_name.sql
    .AddTenantSessions();                                 // cookie sessions bound to their tenant
// A failed start is reported below as one line; the host would log a stack trace first.
builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

var app = builder.Build();
app.UseSublet();                                          // 400 / 404 / 403 for hosts it cannot serve
app.UseAuthentication();
app.UseAuthorization();
app.MapNotesApi();                                        // /login, /logout, /notes on every tenant's host
app.MapSetupApi();                                        // /setup/tenants, /setup/migrate on the central host

try
{
    await app.RunAsync();
    return 0;
}
catch (Exception exception) when (exception is MigrationException or OptionsValidationException or NpgsqlException or EmbeddedPostgresException)
{
    await Console.Error.WriteLineAsync($"notes: {exception.Message}");
    return 1;
}
