namespace Sublet.Migrations;

/// <summary>
/// The app's <c>Migrations/Tenant</c> folder in its content root, checked against what was embedded: a migration
/// that is there but was not embedded would silently give new tenants a schema without it.
/// </summary>
internal static class TenantMigrationFiles
{
    public const string Folder = "Migrations/Tenant";

    /// <summary>Throws when a <c>.sql</c> file in the folder is not among <paramref name="set"/>'s migrations.</summary>
    public static void EnsureEmbedded(string contentRoot, MigrationSet set)
    {
        var folder = Path.Combine(contentRoot, "Migrations", "Tenant");
        if (!Directory.Exists(folder))
        {
            return;
        }

        var embedded = set.Migrations.Select(migration => migration.Name + ".sql").ToHashSet(StringComparer.Ordinal);
        var missing = Directory.EnumerateFiles(folder, "*.sql")
            .Select(Path.GetFileName)
            .Where(name => !embedded.Contains(name!))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0)
        {
            throw new MigrationException(
                $"{Folder} holds {string.Join(", ", missing)}, but the app embeds {(set.Migrations.Count == 0 ? "no tenant migrations" : "no such tenant migration")}: "
                + $"add <EmbeddedResource Include=\"{Folder}/*.sql\" /> to the app's project and call AddTenantMigrations(typeof(Program).Assembly).");
        }
    }
}
