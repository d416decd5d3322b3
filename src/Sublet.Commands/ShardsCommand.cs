using System.CommandLine;
using System.Globalization;
using Sublet.Core;
using Sublet.Sharding;

namespace Sublet.Commands;

/// <summary><c>sublet shards ...</c>: the PostgreSQL servers tenant schemas live on.</summary>
internal static class ShardsCommand
{
    public static Command Build(SubletCommandRunner run)
    {
        var shards = new Command("shards", "Add, list and drain the PostgreSQL servers (shards) that hold tenant schemas.");
        shards.Subcommands.Add(Add(run));
        shards.Subcommands.Add(List(run));
        shards.Subcommands.Add(Drain(run));
        shards.Subcommands.Add(OneShard(run, "undrain", "Let new tenants onto a drained shard again.", async (registry, name, cancellationToken) =>
            $"Shard {(await registry.SetDrainingAsync(name, draining: false, cancellationToken)).Name} takes new tenants again."));
        shards.Subcommands.Add(OneShard(run, "remove", "Forget a shard that holds no tenants; its database is left untouched.", async (registry, name, cancellationToken) =>
        {
            await registry.RemoveAsync(name, cancellationToken);
            return $"Removed shard {name}.";
        }));
        return shards;
    }

    private static Argument<string> NameArgument() => new("name") { Description = $"The shard's name: {TenantSlug.Rule}." };

    private static Command Add(SubletCommandRunner run)
    {
        var name = NameArgument();
        var connectionString = new Argument<string>("connection-string")
        {
            Description = "Npgsql connection string of the shard's database, e.g. 'Host=db2;Database=sublet;Username=sublet;Passfile=/etc/sublet/pgpass'.",
        };
        var command = new Command("add", "Register a PostgreSQL server (database) as a shard, after checking it connects and allows creating schemas.")
        {
            name, connectionString,
        };
        run.Handle(command, async context =>
        {
            var shard = await (await context.ServiceAsync<IShardRegistry>()).AddAsync(context.Value(name), context.Value(connectionString), context.CancellationToken);
            await context.Console.Out.WriteLineAsync($"Added shard {shard.Name} ({shard.Server}).");
            return 0;
        });
        return command;
    }

    private static Command List(SubletCommandRunner run)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text." };
        var command = new Command("list", "List every shard with its server, tenant count, size and whether it is draining.") { json };
        run.Handle(command, async context =>
        {
            var shards = await (await context.ServiceAsync<IShardRegistry>()).ListAsync(context.CancellationToken);
            if (context.Value(json))
            {
                await CommandJson.WriteAsync(context.Console.Out, shards);
                return 0;
            }

            var nameWidth = Math.Max(4, shards.Max(shard => shard.Name.Length));
            var serverWidth = Math.Max(6, shards.Max(shard => shard.Server.Length));
            await context.Console.Out.WriteLineAsync($"{"NAME".PadRight(nameWidth)}  {"SERVER".PadRight(serverWidth)}  TENANTS       SIZE  DRAINING  LEFTOVER SLOTS");
            foreach (var shard in shards)
            {
                var size = shard.SizeBytes is { } bytes ? Size(bytes) : "unreachable: " + shard.Error;
                var slots = shard.InactiveSlots is { Count: > 0 } leftover
                    ? string.Create(CultureInfo.InvariantCulture, $"{leftover.Count} (holding {Size(leftover.RetainedWalBytes)} of WAL)")
                    : "none";
                await context.Console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{shard.Name.PadRight(nameWidth)}  {shard.Server.PadRight(serverWidth)}  {shard.Tenants,7}  {size,9}  {(shard.Draining ? "yes" : "no"),-8}  {slots}"));
            }

            return 0;
        });
        return command;
    }

    private static Command Drain(SubletCommandRunner run)
    {
        var name = NameArgument();
        var keepTenants = new Option<bool>("--keep-tenants") { Description = "Only stop placing new tenants there; move none." };
        var command = new Command(
            "drain",
            "Stop placing new tenants on a shard and move each of its tenants, online, to the shard with the fewest tenants.")
        {
            name, keepTenants,
        };
        run.Handle(command, async context =>
        {
            var registry = await context.ServiceAsync<IShardRegistry>();
            var shard = await registry.SetDrainingAsync(context.Value(name), draining: true, context.CancellationToken);
            if (context.Value(keepTenants) || shard.Tenants == 0)
            {
                await context.Console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture, $"Shard {shard.Name} is draining: it takes no new tenants; {shard.Tenants} remain on it."));
                return 0;
            }

            var drainer = await context.ServiceAsync<IShardDrainer>();
            var count = await drainer.MoveTenantsOffAsync(shard.Name, new MovePrinter(context.Console.Out), context.CancellationToken);
            await context.Console.Out.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture, $"Shard {shard.Name} is drained: {count} tenants moved; remove it with 'sublet shards remove {shard.Name}'."));
            return 0;
        });
        return command;
    }

    /// <summary>A command that changes one shard in the registry and says what it did.</summary>
    private static Command OneShard(SubletCommandRunner run, string verb, string description, Func<IShardRegistry, string, CancellationToken, Task<string>> change)
    {
        var name = NameArgument();
        var command = new Command(verb, description) { name };
        run.Handle(command, async context =>
        {
            var registry = await context.ServiceAsync<IShardRegistry>();
            await context.Console.Out.WriteLineAsync(await change(registry, context.Value(name), context.CancellationToken));
            return 0;
        });
        return command;
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} kB"),
        < 1024L * 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024:0.0} MB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024 / 1024:0.0} GB"),
    };

    /// <summary>Prints each move as it ends; synchronous, so lines come out in order.</summary>
    private sealed class MovePrinter(TextWriter output) : IProgress<TenantMoveReport>
    {
        public void Report(TenantMoveReport value) => output.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"Moved {value.Slug} to {value.To} (writes held {value.Fenced.TotalMilliseconds:0} ms)."));
    }
}
