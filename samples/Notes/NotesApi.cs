using System.Security.Claims;
using Microsoft.EntityFrameworkCore;

namespace Notes;

/// <summary>Each tenant's notes, read and written through EF Core on the request's tenant connection.</summary>
public static class NotesApi
{
    public static IEndpointRouteBuilder MapNotesApi(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup(string.Empty).RequireTenant();
        tenant.MapGet("/notes", ListAsync).RequireAuthorization();
        tenant.MapPost("/notes", AddAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> ListAsync(NotesDb db, CancellationToken cancellationToken) =>
        Results.Ok(await db.Notes.AsNoTracking().OrderBy(note => note.Id).ToListAsync(cancellationToken));

    // The request's transaction commits when the handler returns without an error (docs/efcore.md).
    private static async Task<IResult> AddAsync(NewNote body, ClaimsPrincipal user, NotesDb db, CancellationToken cancellationToken)
    {
        var note = new Note { Author = user.Identity!.Name!, Body = body.Body };
        db.Notes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Created($"/notes/{note.Id}", note);
    }
}
