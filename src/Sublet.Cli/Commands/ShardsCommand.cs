using System.CommandLine;
using System.Globalization;
using Sublet.Sharding;

namespace Sublet.Cli.Commands;

/// <summary><c>sublet shards ...</c>: the PostgreSQL servers tenant schemas live on.</summary>
internal static class ShardsCommand
{
    public static Command Build(CommandRunner run)
    {
        var shards = new Command("shards", "Add, list and drain the PostgreSQL servers (shards) that hold tenant schemas.");
        shards.Subcommands.Add(Add(run));
        shards.Subcommands.Add(List(run));
        shards.Subcommands.Add(Drain(run, "drain", "Keep new tenants off a shard; tenants already on it stay until moved.", draining: true));
        shards.Subcommands.Add(Drain(run, "undrain", "Let new tenants onto a drained shard again.", draining: false));
        shards.Subcommands.Add(Remove(run));
        return shards;
    }

    private static Argument<string> NameArgument() => new("name") { Description = "The shard's name: lowercase letters, digits and '-'." };

    private static Command Add(CommandRunner run)
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

    private static Command List(CommandRunner run)
    {
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text." };
        var command = new Command("list", "List every shard with its server, tenant count, size and whether it is draining.") { json };
        run.Handle(command, async context =>
        {
            var shards = await (await context.ServiceAsync<IShardRegistry>()).ListAsync(context.CancellationToken);
            if (context.Value(json))
            {
                await CliJson.WriteAsync(context.Console.Out, shards);
                return 0;
            }

            var nameWidth = Math.Max(4, shards.Max(shard => shard.Name.Length));
            var serverWidth = Math.Max(6, shards.Max(shard => shard.Server.Length));
            await context.Console.Out.WriteLineAsync($"{"NAME".PadRight(nameWidth)}  {"SERVER".PadRight(serverWidth)}  TENANTS       SIZE  DRAINING");
            foreach (var shard in shards)
            {
                var size = shard.SizeBytes is { } bytes ? Size(bytes) : "unreachable: " + shard.Error;
                await context.Console.Out.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{shard.Name.PadRight(nameWidth)}  {shard.Server.PadRight(serverWidth)}  {shard.Tenants,7}  {size,9}  {(shard.Draining ? "yes" : "no")}"));
            }

            return 0;
        });
        return command;
    }

    private static Command Drain(CommandRunner run, string verb, string description, bool draining)
    {
        var name = NameArgument();
        var command = new Command(verb, description) { name };
        run.Handle(command, async context =>
        {
            var shard = await (await context.ServiceAsync<IShardRegistry>()).SetDrainingAsync(context.Value(name), draining, context.CancellationToken);
            await context.Console.Out.WriteLineAsync(draining
                ? string.Create(CultureInfo.InvariantCulture, $"Shard {shard.Name} is draining: it takes no new tenants; {shard.Tenants} remain on it (move them with 'sublet tenants move <slug> --to <shard>').")
                : $"Shard {shard.Name} takes new tenants again.");
            return 0;
        });
        return command;
    }

    private static Command Remove(CommandRunner run)
    {
        var name = NameArgument();
        var command = new Command("remove", "Forget a shard that holds no tenants; its database is left untouched.") { name };
        run.Handle(command, async context =>
        {
            await (await context.ServiceAsync<IShardRegistry>()).RemoveAsync(context.Value(name), context.CancellationToken);
            await context.Console.Out.WriteLineAsync($"Removed shard {context.Value(name)}.");
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
}
