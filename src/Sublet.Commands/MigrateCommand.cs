using System.CommandLine;
using Spectre.Console;
using Sublet.Migrations;

namespace Sublet.Commands;

/// <summary><c>sublet migrate</c>: every tenant schema up to the app's latest tenant migration.</summary>
internal static class MigrateCommand
{
    public static Command Build(SubletCommandRunner run)
    {
        var tenant = new Option<string?>("--tenant", "-t") { Description = "Only this tenant." };
        var parallel = new Option<int>("--parallel", "-p") { Description = "Schemas migrated at once, each on its own connection.", DefaultValueFactory = _ => 4 };
        var dryRun = new Option<bool>("--dry-run") { Description = "List what would be applied (checking checksums) without changing anything." };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var command = new Command("migrate", "Apply pending tenant migrations, each in its own transaction per schema. Up-to-date tenants are skipped; a failing tenant does not stop the others; re-running resumes.")
        {
            tenant, parallel, dryRun, json,
        };
        run.Handle(command, async context =>
        {
            var parallelism = context.Value(parallel);
            if (parallelism is < 1 or > 64)
            {
                throw new SubletCommandException("--parallel must be between 1 and 64.");
            }

            var migrator = await context.ServiceAsync<ITenantMigrator>();
            var request = new TenantMigrationRequest { Slug = context.Value(tenant), Parallelism = parallelism, DryRun = context.Value(dryRun) };
            var report = context.Console.OutputIsTerminal && !context.Value(json)
                ? await WithProgressBarAsync(context, migrator, request)
                : await WithPlainLinesAsync(context, migrator, request, quiet: context.Value(json));

            if (context.Value(json))
            {
                await CommandJson.WriteAsync(context.Console.Out, report);
            }
            else
            {
                var verb = report.DryRun ? "would migrate" : "migrated";
                await context.Console.Out.WriteLineAsync(
                    $"{report.Results.Count - report.Failures.Count} tenants {verb}, {report.Failures.Count} failed, {report.UpToDate} already at version {report.LatestVersion}.");
            }

            if (report.Failures.Count > 0)
            {
                throw new SubletCommandException($"{report.Failures.Count} of {report.Results.Count} tenants failed to migrate: {string.Join(", ", report.Failures.Select(failure => failure.Slug))}.");
            }

            return 0;
        });
        return command;
    }

    private static async Task<TenantMigrationReport> WithPlainLinesAsync(SubletCommandContext context, ITenantMigrator migrator, TenantMigrationRequest request, bool quiet)
    {
        var report = await migrator.MigrateAsync(request, cancellationToken: context.CancellationToken);
        if (!quiet)
        {
            foreach (var result in report.Results)
            {
                await context.Console.Out.WriteLineAsync(Describe(result, report.DryRun));
            }
        }

        return report;
    }

    private static async Task<TenantMigrationReport> WithProgressBarAsync(SubletCommandContext context, ITenantMigrator migrator, TenantMigrationRequest request)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Console.Out) });
        var report = await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(request.DryRun ? "Checking tenants" : "Migrating tenants", maxValue: 1);
                var reporter = new ProgressReporter(task);
                return await migrator.MigrateAsync(request, reporter, context.CancellationToken);
            });
        foreach (var result in report.Results.Where(result => !result.Succeeded || report.DryRun))
        {
            await context.Console.Out.WriteLineAsync(Describe(result, report.DryRun));
        }

        return report;
    }

    private static string Describe(TenantMigrationResult result, bool dryRun)
    {
        var migrations = result.Migrations.Count == 0 ? "nothing" : string.Join(", ", result.Migrations);
        return result.Error is not null
            ? $"{result.Slug}: FAILED {result.Error}"
            : $"{result.Slug}: {(dryRun ? "would apply" : "applied")} {migrations}";
    }

    /// <summary>Moves the bar as tenants finish; the migrator reports from several threads, which Spectre's task allows.</summary>
    private sealed class ProgressReporter(ProgressTask task) : IProgress<TenantMigrationProgress>
    {
        public void Report(TenantMigrationProgress value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Total == 0 ? 1 : value.Completed;
        }
    }
}
