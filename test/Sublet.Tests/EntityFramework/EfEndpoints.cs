using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Tests.EntityFramework;

/// <summary>What an app does with a tenant DbContext, one endpoint per kind of use; all on tenant hosts but <c>/ef/central</c>.</summary>
public static class EfEndpoints
{
    private static readonly Func<NotesDb, Task<int>> CountNotes = EF.CompileAsyncQuery((NotesDb db) => db.Notes.Count());

    public static void Map(WebApplication app)
    {
        var ef = app.MapGroup("/ef").RequireTenant();
        ef.MapGet("/notes", async (NotesDb db, CancellationToken cancellationToken) =>
            await db.Notes.AsNoTracking().OrderBy(note => note.Id).Select(note => note.Text).ToListAsync(cancellationToken));
        ef.MapPost("/notes", async (string text, int? count, NotesDb db, CancellationToken cancellationToken) =>
        {
            db.Notes.AddRange(Enumerable.Range(0, count ?? 1).Select(i => new Note { Text = $"{text}-{i}" }));
            return await db.SaveChangesAsync(cancellationToken);
        });
        ef.MapPost("/notes/then-throw", async (string text, NotesDb db, CancellationToken cancellationToken) =>
        {
            db.Notes.Add(new Note { Text = text });
            await db.SaveChangesAsync(cancellationToken);
            throw new InvalidOperationException("the request's work failed after SaveChanges");
        });
        ef.MapPost("/notes/half-bad", async (string text, NotesDb db, CancellationToken cancellationToken) =>
        {
            // The fourth of six is too long for its column: the database refuses it half way through the batch.
            db.Notes.AddRange(Enumerable.Range(0, 6).Select(i => new Note { Text = i == 3 ? new string('x', NotesDb.MaxTextLength + 1) : $"{text}-{i}" }));
            await db.SaveChangesAsync(cancellationToken);
        });
        ef.MapPost("/notes/tag", async (string prefix, string tag, NotesDb db, CancellationToken cancellationToken) =>
            await db.Notes.Where(note => note.Text.StartsWith(prefix)).ExecuteUpdateAsync(set => set.SetProperty(note => note.Tag, tag), cancellationToken));
        ef.MapDelete("/notes", async (string prefix, NotesDb db, CancellationToken cancellationToken) =>
            await db.Notes.Where(note => note.Text.StartsWith(prefix)).ExecuteDeleteAsync(cancellationToken));
        ef.MapGet("/notes/tagged", async (string tag, NotesDb db, CancellationToken cancellationToken) =>
            await db.Notes.FromSql($"SELECT * FROM notes WHERE tag = {tag}").AsNoTracking().Select(note => note.Text).ToListAsync(cancellationToken));
        ef.MapGet("/search-path", async (NotesDb db, CancellationToken cancellationToken) =>
            await db.Database.SqlQuery<string>($"SELECT current_setting('search_path') AS \"Value\"").SingleAsync(cancellationToken));
        ef.MapGet("/count", async (NotesDb db) => await CountNotes(db));
        ef.MapGet("/sync-count", (NotesDb db) => db.Notes.Count());
        ef.MapPost("/begin", BeginAsync);
        ef.MapGet("/savepoint-first", SavepointFirstAsync);
        ef.MapGet("/semicolon-first", async (NotesDb db, CancellationToken cancellationToken) =>
            await db.Notes.FromSql($"SELECT * FROM notes WHERE text <> ';'").AsNoTracking().Select(note => note.Text).ToListAsync(cancellationToken));
        ef.MapGet("/lease", LeaseAsync);
        ef.MapGet("/raw/notes", async (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT text FROM notes ORDER BY id", cancellationToken: cancellationToken);
            var texts = new List<string>();
            while (await reader.ReadAsync(cancellationToken))
            {
                texts.Add(reader.GetString(0));
            }

            return texts;
        });
        app.MapGet("/ef/central", async (NotesDb db, CancellationToken cancellationToken) =>
        {
            try
            {
                return Results.Ok(await db.Notes.CountAsync(cancellationToken));
            }
            catch (InvalidOperationException refused)
            {
                return Results.Text(refused.Message, statusCode: StatusCodes.Status409Conflict);
            }
        }).RequireCentralHost();
    }

    /// <summary>An explicit transaction is refused; the request's own transaction, and a savepoint in it, still work.</summary>
    private static async Task<string> BeginAsync(string text, NotesDb db, CancellationToken cancellationToken)
    {
        await db.Notes.CountAsync(cancellationToken);
        string refusal;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            refusal = "not refused";
        }
        catch (InvalidOperationException exception)
        {
            refusal = exception.Message;
        }

        var request = db.Database.CurrentTransaction!;
        await request.CreateSavepointAsync("before_discarded", cancellationToken);
        db.Notes.Add(new Note { Text = $"{text}-discarded" });
        await db.SaveChangesAsync(cancellationToken);
        await request.RollbackToSavepointAsync("before_discarded", cancellationToken);
        db.ChangeTracker.Clear();
        db.Notes.Add(new Note { Text = $"{text}-kept" });
        await db.SaveChangesAsync(cancellationToken);
        return refusal;
    }

    /// <summary>
    /// A savepoint before any command, a parameterized query, a rollback to the savepoint, the query again: the schema
    /// selection must not be undone with the savepoint.
    /// </summary>
    private static async Task<string[]> SavepointFirstAsync(string prefix, NotesDb db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        await db.Database.CurrentTransaction!.CreateSavepointAsync("first", cancellationToken);
        var before = await db.Notes.AsNoTracking().Where(note => note.Text.StartsWith(prefix)).Select(note => note.Text).ToListAsync(cancellationToken);
        await db.Database.CurrentTransaction!.RollbackToSavepointAsync("first", cancellationToken);
        var after = await db.Notes.AsNoTracking().Where(note => note.Text.StartsWith(prefix)).Select(note => note.Text).ToListAsync(cancellationToken);
        return [.. before, .. after];
    }

    /// <summary>What a leased context carries before its first query, then a tracked read: the pool must hand on nothing.</summary>
    private static async Task<LeaseState> LeaseAsync(NotesDb db, CancellationToken cancellationToken)
    {
        var before = new LeaseState(
            RuntimeHelpers.GetHashCode(db),
            db.ChangeTracker.Entries().Count(),
            db.Database.GetDbConnection().ConnectionString,
            db.Database.CurrentTransaction is not null,
            []);
        var tracked = await db.Notes.OrderBy(note => note.Id).ToListAsync(cancellationToken);
        return before with { Texts = [.. tracked.Select(note => note.Text)] };
    }
}
