using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Sublet.Migrations;
using Migration = Sublet.Migrations.Migration;

namespace Sublet.EntityFrameworkCore;

/// <summary>
/// A context's EF Core migrations as Sublet tenant migrations: migration N (in EF Core's order, by id) becomes
/// version N, named by its id, its SQL what EF Core generates for it with unqualified names plus the row it adds to
/// <c>__EFMigrationsHistory</c>. Sublet's migrator runs each in one transaction with the tenant's schema as
/// <c>search_path</c>, so the tables and EF Core's history table land in that schema and commit together.
/// </summary>
internal static class EfMigrationSet
{
    // Written into each history row instead of the running EF Core version, so that upgrading EF Core does not change
    // the SQL of migrations already applied (Sublet refuses an applied migration whose SQL changed).
    private const string UnknownProductVersion = "sublet";

    public static MigrationSet Build(DbContext context)
    {
        var assembly = context.GetService<IMigrationsAssembly>();
        var generator = context.GetService<IMigrationsSqlGenerator>();
        var history = context.GetService<IHistoryRepository>();
        var initializer = context.GetService<IModelRuntimeInitializer>();
        var migrations = new List<Migration>();
        var version = 0;
        foreach (var (id, type) in assembly.Migrations)
        {
            version++;
            var migration = assembly.CreateMigration(type, context.Database.ProviderName!);
            var sql = new StringBuilder();
            if (version == 1)
            {
                sql.AppendLine(history.GetCreateIfNotExistsScript());
            }

            var model = migration.TargetModel is { } target ? initializer.Initialize(Finalized(target)) : null;
            foreach (var command in generator.Generate(migration.UpOperations, model, MigrationsSqlGenerationOptions.NoTransactions))
            {
                if (command.TransactionSuppressed)
                {
                    throw new MigrationException(
                        $"EF Core migration {id} has a step that must run outside a transaction ({command.CommandText.Trim()}); " +
                        "Sublet applies each migration in one transaction per tenant: leave the step out or make it transactional.");
                }

                sql.AppendLine(command.CommandText);
            }

            var productVersion = migration.TargetModel?.GetProductVersion() ?? UnknownProductVersion;
            sql.AppendLine(history.GetInsertScript(new HistoryRow(id, productVersion)));
            migrations.Add(new Migration(version, id, sql.ToString()));
        }

        return new MigrationSet(migrations);
    }

    private static IModel Finalized(IModel model) => model is IMutableModel mutable ? mutable.FinalizeModel() : model;

    /// <summary>The SQL files of the app, which an app with EF Core migrations may not also have.</summary>
    public static void RefuseSqlMigrations(TenantMigrations sqlMigrations, string contextName)
    {
        if (sqlMigrations.Set.Migrations.Count > 0)
        {
            throw new MigrationException(
                $"Tenant migrations come either from SQL files or from EF Core, not both: {contextName}'s EF Core migrations are registered beside " +
                $"{sqlMigrations.Set.Migrations.Count.ToString(CultureInfo.InvariantCulture)} SQL file(s) (first: {sqlMigrations.Set.Migrations[0].Name}). " +
                "Move the SQL into an EF Core migration (migrationBuilder.Sql) or drop AddTenantMigrations(assembly).");
        }
    }
}
