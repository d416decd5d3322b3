using System.Security.Claims;
using Sublet.Core;
using Sublet.Data;
using Sublet.Passwords;
using Sublet.Security;

namespace Notes;

/// <summary>Each tenant's endpoints: log in and out, read and write the tenant's notes.</summary>
public static class NotesApi
{
    public static IEndpointRouteBuilder MapNotesApi(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup(string.Empty).RequireTenant();
        // TODO(Sublet.Commands): map Sublet's own login and logout (MapSubletLogin) instead of these two when it ships.
        tenant.MapPost("/login", LoginAsync);
        tenant.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutTenantUserAsync();
            return Results.NoContent();
        }).RequireAuthorization();
        tenant.MapGet("/notes", ListAsync).RequireAuthorization();
        tenant.MapPost("/notes", AddAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> LoginAsync(
        Credentials credentials,
        HttpContext context,
        Tenant tenant,
        ITenantDatabase database,
        IPasswordHasher hasher,
        IPasswordHashingSlots hashing,
        ILoginThrottle throttle,
        CancellationToken cancellationToken)
    {
        if (!throttle.TryAcquire(context, credentials.Username, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many login attempts");
        }

        string? hash = null;
        await using (var reader = await database.ExecuteReaderAsync(tenant, "SELECT password FROM app_user WHERE username = $1", [credentials.Username], cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                hash = reader.GetString(0);
            }
        }

        // An unknown user costs the same hash as a known one, so the answer's time does not tell which it was.
        var verification = PasswordVerification.Failed;
        var ran = await hashing.TryRunAsync(
            () => verification = hash is null ? Unknown(hasher, credentials.Password) : hasher.Verify(credentials.Password, hash),
            cancellationToken);
        if (!ran)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Too many logins in progress");
        }

        if (verification == PasswordVerification.Failed)
        {
            throttle.RecordFailure(context, credentials.Username);
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong username or password");
        }

        await context.SignInTenantUserAsync(credentials.Username);
        return Results.NoContent();
    }

    private static PasswordVerification Unknown(IPasswordHasher hasher, string password)
    {
        hasher.VerifyNothing(password);
        return PasswordVerification.Failed;
    }

    private static async Task<IResult> ListAsync(Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken)
    {
        var notes = new List<Note>();
        await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT id, author, body FROM notes ORDER BY id", cancellationToken: cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            notes.Add(new Note(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return Results.Ok(notes);
    }

    private static async Task<IResult> AddAsync(NewNote note, ClaimsPrincipal user, Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(tenant, cancellationToken);   // search_path = the tenant's schema
        await using var insert = connection.CreateCommand("INSERT INTO notes (author, body) VALUES ($1, $2) RETURNING id");
        insert.Parameters.Add(new() { Value = user.Identity!.Name! });
        insert.Parameters.Add(new() { Value = note.Body });
        var id = (int)(await insert.ExecuteScalarAsync(cancellationToken))!;
        await connection.CommitAsync(cancellationToken);
        return Results.Created($"/notes/{id}", new Note(id, user.Identity.Name!, note.Body));
    }
}
