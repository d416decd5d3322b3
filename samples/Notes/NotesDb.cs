using Microsoft.EntityFrameworkCore;

namespace Notes;

/// <summary>The notes of whichever tenant the request is for: one model, unqualified tables, every tenant's schema.</summary>
public sealed class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            note.Property(n => n.Id).HasColumnName("id");
            note.Property(n => n.Author).HasColumnName("author");
            note.Property(n => n.Body).HasColumnName("body");
        });
    }
}
