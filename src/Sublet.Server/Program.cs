using Microsoft.Extensions.Options;
using Npgsql;
using Sublet.Embedded;
using Sublet.Migrations;
using Sublet.Server;

try
{
    await using var app = ServerApp.Build(args);
    // Serves; or, given a command ('tenants list', 'migrate', 'demo', ...), runs it with this app's migrations and settings.
    return await app.RunSubletAsync(args);
}
catch (Exception exception) when (exception is EmbeddedPostgresException or OptionsValidationException or MigrationException or NpgsqlException)
{
    // A start-up problem the operator can fix: one line, no stack trace.
    await Console.Error.WriteLineAsync($"sublet: {exception.Message}");
    return 1;
}
