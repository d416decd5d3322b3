using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sublet.Tests.EntityFramework.Migrations;

/// <summary>The first migration, written by hand as <c>dotnet ef migrations add</c> would: the <c>notes</c> table.</summary>
[DbContext(typeof(NotesDb))]
[Migration("20260101000000_CreateNotes")]
public class CreateNotes : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "notes",
            columns: table => new
            {
                id = table.Column<int>(type: "integer", nullable: false)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                text = table.Column<string>(type: $"character varying({NotesDb.MaxTextLength})", nullable: false),
            },
            constraints: table => table.PrimaryKey("pk_notes", note => note.id));
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropTable(name: "notes");
}
