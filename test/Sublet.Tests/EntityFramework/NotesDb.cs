using Microsoft.EntityFrameworkCore;

namespace Sublet.Tests.EntityFramework;

/// <summary>The test app's context: one table, no schema, so it serves every tenant's schema.</summary>
public sealed class NotesDb(DbContextOptions<NotesDb> options) : DbContext(options)
{
    /// <summary>The longest note: a longer one fails in the database, half way through a SaveChanges.</summary>
    public const int MaxTextLength = 200;

    public DbSet<Note> Notes => Set<Note>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>(note =>
        {
            note.ToTable("notes");
            note.Property(n => n.Id).HasColumnName("id");
            note.Property(n => n.Text).HasColumnName("text");
            note.Property(n => n.Tag).HasColumnName("tag");
        });
    }
}
