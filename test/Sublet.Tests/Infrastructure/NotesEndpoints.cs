using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sublet.Data;
using Sublet.Core;

namespace Sublet.Tests.Infrastructure;

/// <summary>Two endpoints an app would have, for tests that write and read while a tenant moves: one row in, all rows out.</summary>
public static class NotesEndpoints
{
    /// <summary>Maps both; with <paramref name="signedIn"/>, only for a session of the host's tenant, as the seed's <c>/data</c>.</summary>
    public static void Map(WebApplication app, bool signedIn = false)
    {
        var notes = app.MapGroup("/test/notes").RequireTenant();
        if (signedIn)
        {
            notes.RequireAuthorization();
        }

        notes.MapPost(string.Empty, async (string text, Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var connection = await database.OpenAsync(tenant, cancellationToken);
            await using (var insert = connection.CreateCommand("INSERT INTO company_data (description) VALUES ($1)"))
            {
                insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = text });
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await connection.CommitAsync(cancellationToken);
            return Results.Ok();
        });
        notes.MapGet(string.Empty, async (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT description FROM company_data", cancellationToken: cancellationToken);
            var rows = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(reader.GetString(0));
            }

            return Results.Ok(rows);
        });
    }
}
