using System.CommandLine;
using System.Globalization;
using Sublet.Sharding;
using Sublet.Core;

namespace Sublet.Commands;

/// <summary><c>sublet tenants move</c>: a tenant's schema to another shard, online.</summary>
internal static class TenantMoveCommand
{
    public static Command Build(SubletCommandRunner run)
    {
        var slug = new Argument<string>("slug") { Description = "The tenant to move." };
        var to = new Option<string>("--to") { Description = "The shard to move it to.", Required = true };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON." };
        var command = new Command(
            "move",
            "Move a tenant's schema to another shard with logical replication while it stays online; its writes are held only for the final switch. On failure it stays where it was.")
        {
            slug, to, json,
        };
        run.Handle(command, async context =>
        {
            var mover = await context.ServiceAsync<ITenantMover>();
            var quiet = context.Value(json);
            var progress = new StepPrinter(context.Console.Out, quiet);
            var report = await mover.MoveAsync(context.Value(slug), context.Value(to), progress, context.CancellationToken);
            if (quiet)
            {
                await CommandJson.WriteAsync(context.Console.Out, report);
                return 0;
            }

            await context.Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"Moved tenant {report.Slug} from shard {report.From} to shard {report.To}: {report.Tables} tables, {report.Rows} rows; writes held for {report.Fenced.TotalMilliseconds:0} ms of {report.Total.TotalSeconds:0.0} s."));
            return 0;
        });
        return command;
    }

    /// <summary>Prints each step as it starts; synchronous, so lines come out in order.</summary>
    private sealed class StepPrinter(TextWriter output, bool quiet) : IProgress<TenantMoveStep>
    {
        public void Report(TenantMoveStep value)
        {
            if (quiet)
            {
                return;
            }

            output.WriteLine(value switch
            {
                TenantMoveStep.CopyingDefinition => "Copying the schema's definition…",
                TenantMoveStep.CopyingRows => "Copying rows (logical replication)…",
                TenantMoveStep.WaitingForTransactions => "Waiting for transactions open on the source server to end: replication starts only once they have…",
                TenantMoveStep.CatchingUp => "Applying changes made meanwhile…",
                TenantMoveStep.Fenced => "Holding writes for the switch…",
                TenantMoveStep.FenceDeferred => "A transaction holds the tenant's tables: writes let go, trying again shortly…",
                _ => "Switched.",
            });
        }
    }
}
