using Microsoft.EntityFrameworkCore;

namespace Sublet.Tests.EntityFramework;

/// <summary>The same app one release earlier: only the first migration (<see cref="Migrations.CreateNotesV1"/>).</summary>
public sealed class NotesDbV1(DbContextOptions<NotesDbV1> options) : DbContext(options);
