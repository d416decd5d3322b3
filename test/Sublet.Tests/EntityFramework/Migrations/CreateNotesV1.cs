using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sublet.Tests.EntityFramework.Migrations;

/// <summary><see cref="CreateNotes"/> as the earlier release (<see cref="NotesDbV1"/>) ships it: same id, same SQL.</summary>
[DbContext(typeof(NotesDbV1))]
[Migration("20260101000000_CreateNotes")]
public sealed class CreateNotesV1 : CreateNotes;
