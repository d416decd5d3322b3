using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Sublet.Tests.EntityFramework.Migrations;

/// <summary>The second migration: a <c>tag</c> column and an index on it.</summary>
[DbContext(typeof(NotesDb))]
[Migration("20260201000000_AddNoteTag")]
public sealed class AddNoteTag : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(name: "tag", table: "notes", type: "text", nullable: true);
        migrationBuilder.CreateIndex(name: "ix_notes_tag", table: "notes", column: "tag");
    }

    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.DropColumn(name: "tag", table: "notes");
}
