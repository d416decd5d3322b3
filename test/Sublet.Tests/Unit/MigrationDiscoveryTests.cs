using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sublet.Migrations;

namespace Sublet.Tests.Unit;

public sealed class MigrationDiscoveryTests
{
    [Theory]
    [InlineData("sublet/tenant/0001_notes.sql", "0001_notes.sql")]
    [InlineData("MyApp.Migrations.Tenant.0001_notes.sql", "0001_notes.sql")]
    [InlineData("My.App.Migrations.Tenant.0002_note_author.sql", "0002_note_author.sql")]
    [InlineData("Migrations.Tenant.0001_notes.sql", "0001_notes.sql")]
    [InlineData("MyApp.migrations.tenant.0001_notes.sql", "0001_notes.sql")]
    [InlineData("MyApp.Migrations.Tenant.notes.sql", "notes.sql")]
    [InlineData("MyApp.Migrations.Central.0001_notes.sql", null)]
    [InlineData("MyApp.OldMigrations.Tenant.0001_notes.sql", null)]
    [InlineData("MyApp.Migrations.Tenant.Archive.0001_notes.sql", null)]
    [InlineData("MyApp.Migrations.Tenant.0001_notes.txt", null)]
    [InlineData("sublet/pages/tenant.html", null)]
    public void A_tenant_migration_is_found_under_its_logical_name_or_msbuilds_default_name(string resource, string? fileName)
    {
        Assert.Equal(fileName, MigrationSet.MigrationFileName(resource, "tenant"));
    }

    [Fact]
    public void Migrations_embedded_with_a_plain_EmbeddedResource_item_are_read()
    {
        var migrations = new TenantMigrations([new TenantMigrationSource(typeof(MigrationDiscoveryTests).Assembly)]).Set.Migrations;

        Assert.Equal(["0001_notes", "0002_note_author"], migrations.Select(migration => migration.Name));
        Assert.Contains("CREATE TABLE note (", migrations[0].Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_migration_file_in_the_content_root_that_was_not_embedded_stops_the_start_naming_it()
    {
        using var root = new TemporaryContentRoot("0001_notes.sql", "0002_note_author.sql", "0003_forgotten.sql");

        var refused = await Assert.ThrowsAsync<MigrationException>(() => StartAsync(root.Path, typeof(MigrationDiscoveryTests).Assembly));

        Assert.StartsWith("Migrations/Tenant holds 0003_forgotten.sql, but the app embeds no such tenant migration", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migration_files_with_no_tenant_migrations_registered_stop_the_start()
    {
        using var root = new TemporaryContentRoot("0001_notes.sql");

        var refused = await Assert.ThrowsAsync<MigrationException>(() => StartAsync(root.Path, migrationsFrom: null));

        Assert.Contains("embeds no tenant migrations", refused.Message, StringComparison.Ordinal);
        Assert.Contains("AddTenantMigrations", refused.Message, StringComparison.Ordinal);
    }

    private static async Task StartAsync(string contentRoot, System.Reflection.Assembly? migrationsFrom)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = contentRoot });
        // A connection that could never open: the check must come before any database is touched.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Sublet"] = "Host=127.0.0.1;Port=1;Timeout=1" });
        builder.Logging.ClearProviders();
        var sublet = builder.Services.AddSublet(options => options.WatchCatalog = false);
        if (migrationsFrom is not null)
        {
            sublet.AddTenantMigrations(migrationsFrom);
        }

        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A content root whose Migrations/Tenant folder holds empty files of the given names.</summary>
    private sealed class TemporaryContentRoot : IDisposable
    {
        public TemporaryContentRoot(params string[] files)
        {
            Path = Directory.CreateTempSubdirectory("sublet-root-").FullName;
            var folder = Directory.CreateDirectory(System.IO.Path.Combine(Path, "Migrations", "Tenant")).FullName;
            foreach (var file in files)
            {
                File.WriteAllText(System.IO.Path.Combine(folder, file), "SELECT 1;");
            }
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
