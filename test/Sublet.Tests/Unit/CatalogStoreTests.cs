using System.Text.RegularExpressions;

namespace Sublet.Tests.Unit;

/// <summary>The catalog tables (tenants, shards, custom domains) have one owner: a statement on them anywhere else in the library is a regression.</summary>
public sealed partial class CatalogStoreTests
{
    [Fact]
    public void No_file_of_the_library_but_the_catalog_store_holds_a_statement_on_the_catalog_tables()
    {
        var library = Path.Combine(RepositoryRoot(), "src", "Sublet");
        var statements = Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Contains("obj") && !path.Split(Path.DirectorySeparatorChar).Contains("bin"))
            .Where(path => !Path.GetFileName(path).StartsWith("CatalogStore", StringComparison.Ordinal))
            .SelectMany(path => File.ReadLines(path).Select((line, index) => (path, line, index)))
            .Where(found => CatalogStatement().IsMatch(found.line))
            .Select(found => $"{Path.GetRelativePath(library, found.path)}:{found.index + 1}: {found.line.Trim()}")
            .ToList();

        Assert.True(statements.Count == 0, string.Join(Environment.NewLine, statements));
    }

    [Fact]
    public void The_check_recognises_the_statements_it_looks_for()
    {
        Assert.Matches(CatalogStatement(), "SELECT shard FROM sublet.tenant WHERE slug = $1");
        Assert.Matches(CatalogStatement(), "UPDATE sublet.shard SET draining = $2 WHERE name = $1");
        Assert.Matches(CatalogStatement(), "INSERT INTO sublet.tenant (slug, schema_name) VALUES ($1, $2)");
        Assert.Matches(CatalogStatement(), "DELETE FROM sublet.tenant_domain WHERE domain = $1");
        Assert.DoesNotMatch(CatalogStatement(), "public const string TenantTag = \"sublet.tenant\";");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Sublet.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Sublet.slnx above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"\b(FROM|INTO|UPDATE|JOIN)\s+sublet\.(tenant|shard|tenant_domain)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CatalogStatement();
}
