namespace Sublet.Migrations;

/// <summary>A row of a schema's migration history: the file's name and checksum when it was applied.</summary>
internal sealed record AppliedMigration(string Name, string Checksum);
