using System.Reflection;
using System.Text.RegularExpressions;

namespace Sublet.Migrations;

/// <summary>An ordered set of migrations, read from embedded resources (see <see cref="ReadEmbedded"/>).</summary>
public sealed partial class MigrationSet
{
    /// <summary>Creates a set, refusing duplicate versions and scripts that start or end a transaction.</summary>
    public MigrationSet(IEnumerable<Migration> migrations)
    {
        Migrations = [.. migrations.OrderBy(migration => migration.Version)];
        var duplicate = Migrations.GroupBy(migration => migration.Version).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException($"Two migrations share version {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        foreach (var migration in Migrations)
        {
            if (TransactionControl.Find(migration.Sql) is var (line, statement))
            {
                throw new MigrationException(
                    $"Migration {migration.Name}.sql, line {line}: {statement} controls the transaction, but Sublet runs every migration in a transaction of its own so that it applies all or nothing; remove it.");
            }
        }
    }

    /// <summary>The migrations in version order.</summary>
    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The highest version, or 0 for an empty set.</summary>
    public int LatestVersion => Migrations.Count == 0 ? 0 : Migrations[^1].Version;

    /// <summary>
    /// Reads the <paramref name="scope"/> migrations embedded in <paramref name="assembly"/>: resources named
    /// <c>sublet/&lt;scope&gt;/NNNN_name.sql</c>, and those MSBuild names after a <c>Migrations/&lt;Scope&gt;/</c>
    /// folder by default (<c>MyApp.Migrations.Tenant.NNNN_name.sql</c>). A file embedded under both names counts once.
    /// </summary>
    public static IEnumerable<Migration> ReadEmbedded(Assembly assembly, string scope)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (MigrationFileName(resource, scope) is not { } fileName)
            {
                continue;
            }

            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new MigrationException($"Migration file '{fileName}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            var sql = reader.ReadToEnd();
            if (seen.TryGetValue(fileName, out var earlier) && string.Equals(earlier, sql, StringComparison.Ordinal))
            {
                continue;
            }

            seen[fileName] = sql;
            yield return new Migration(int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture), Path.GetFileNameWithoutExtension(fileName), sql);
        }
    }

    /// <summary>The file name a resource of <paramref name="scope"/> was embedded from, or null for another resource.</summary>
    internal static string? MigrationFileName(string resource, string scope)
    {
        var logical = $"sublet/{scope}/";
        if (resource.StartsWith(logical, StringComparison.Ordinal))
        {
            return resource[logical.Length..];
        }

        // MSBuild's default name: the root namespace, the folders joined by dots, then the file name as it is.
        var folder = $"Migrations.{scope}.";
        var at = resource.IndexOf(folder, StringComparison.OrdinalIgnoreCase);
        while (at >= 0)
        {
            var fileName = resource[(at + folder.Length)..];
            if ((at == 0 || resource[at - 1] == '.') && fileName.EndsWith(".sql", StringComparison.OrdinalIgnoreCase) && fileName.Count(c => c == '.') == 1)
            {
                return fileName;
            }

            at = resource.IndexOf(folder, at + 1, StringComparison.OrdinalIgnoreCase);
        }

        return null;
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
