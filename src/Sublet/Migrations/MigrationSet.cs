using System.Reflection;
using System.Text.RegularExpressions;

namespace Sublet.Migrations;

/// <summary>An ordered set of migrations, read from embedded resources named <c>sublet/&lt;scope&gt;/NNNN_name.sql</c>.</summary>
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

    /// <summary>Reads every <c>sublet/&lt;scope&gt;/NNNN_name.sql</c> resource of <paramref name="assembly"/>.</summary>
    public static IEnumerable<Migration> ReadEmbedded(Assembly assembly, string scope)
    {
        var prefix = $"sublet/{scope}/";
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..];
            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new MigrationException($"Migration file '{fileName}' is not named NNNN_name.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            yield return new Migration(int.Parse(match.Groups[1].ValueSpan, System.Globalization.CultureInfo.InvariantCulture), Path.GetFileNameWithoutExtension(fileName), reader.ReadToEnd());
        }
    }

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
