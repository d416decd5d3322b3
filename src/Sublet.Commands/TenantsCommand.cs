using System.CommandLine;
using Microsoft.Extensions.Options;
using Sublet.Citus;
using Sublet.Passwords;
using Sublet.Provisioning;
using Sublet.Users;
using Sublet.Data;
using Sublet.Core;

namespace Sublet.Commands;

/// <summary><c>sublet tenants ...</c>: the tenant catalog and each tenant's schema.</summary>
internal static class TenantsCommand
{
    public static Command Build(SubletCommandRunner run)
    {
        var tenants = new Command("tenants", "Create, list, suspend, rename, delete, adopt and move tenants.");
        tenants.Subcommands.Add(Create(run));
        tenants.Subcommands.Add(List(run));
        tenants.Subcommands.Add(Show(run));
        tenants.Subcommands.Add(SetStatus(run, "suspend", "Block a tenant: its host answers 403 and its sessions stop working.", suspend: true));
        tenants.Subcommands.Add(SetStatus(run, "resume", "Serve a suspended tenant again.", suspend: false));
        tenants.Subcommands.Add(Rename(run));
        tenants.Subcommands.Add(Delete(run));
        tenants.Subcommands.Add(Adopt(run));
        tenants.Subcommands.Add(TenantMoveCommand.Build(run));
        return tenants;
    }

    /// <summary>On Citus, each tenant's shard shown as the worker holding it.</summary>
    private static async Task<IReadOnlyList<TenantInfo>> PlacedAsync(SubletCommandContext context, IReadOnlyList<TenantInfo> tenants) =>
        await CitusPlacement.WithNodesAsync(
            await context.ServiceAsync<CitusMode>(), (await context.ServiceAsync<ShardDataSources>()).Central, tenants, context.CancellationToken);

    private static Argument<string> SlugArgument(string description = "The tenant's subdomain.") => new("slug") { Description = description };

    private static Option<bool> JsonOption() => new("--json") { Description = "Write JSON instead of text." };

    private static Option<string?> ShardOption(string description) => new("--shard") { Description = description };

    private static Command Create(SubletCommandRunner run)
    {
        var slug = SlugArgument($"The new tenant's subdomain: {TenantSlug.Rule}.");
        var admin = new Option<string?>("--admin") { Description = "Also create this first user (needs --password-stdin)." };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the first user's password from the first line of standard input." };
        var shard = ShardOption("The shard (PostgreSQL server) to put the tenant on; default: the one with the fewest tenants that is not draining.");
        var command = new Command("create", "Create a tenant in one transaction: catalog row, schema, every tenant migration and, optionally, a first user.")
        {
            slug, admin, passwordStdin, shard,
        };
        run.Handle(command, async context =>
        {
            var user = context.Value(admin);
            if (user is not null != context.Value(passwordStdin))
            {
                throw new SubletCommandException("--admin and --password-stdin go together: passwords are read from standard input, never from arguments.");
            }

            if (user is { Length: 0 })
            {
                throw new SubletCommandException("--admin needs a user name.");
            }

            var password = user is null ? null : await context.ReadPasswordAsync();
            var provisioner = await context.ServiceAsync<ITenantProvisioner>();
            Func<Sublet.Data.TenantConnection, CancellationToken, Task>? addAdmin = null;
            if (user is not null)
            {
                var hash = (await context.ServiceAsync<IPasswordHasher>()).Hash(password!);
                var users = await context.ServiceAsync<ITenantUserStore>();
                addAdmin = (connection, cancellationToken) => users.AddAsync(connection, user, hash, cancellationToken);
            }

            var tenant = await provisioner.CreateAsync(context.Value(slug), context.Value(shard), addAdmin, context.CancellationToken);
            var serverName = (await context.ServiceAsync<IOptions<SubletOptions>>()).Value.ServerName;
            var placed = (await PlacedAsync(context, [new TenantInfo(tenant.Slug, tenant.SchemaName, tenant.Status, tenant.CreatedAt, 0, tenant.Shard)]))[0];
            await context.Console.Out.WriteLineAsync(
                $"Created tenant {tenant.Slug} (schema {tenant.SchemaName}, shard {placed.Shard}): http://{tenant.Slug}.{serverName}/");
            return 0;
        });
        return command;
    }

    private static Command List(SubletCommandRunner run)
    {
        var json = JsonOption();
        var after = new Option<string?>("--after") { Description = "Start after this slug (the last one of the previous page)." };
        var limit = new Option<int?>("--limit") { Description = "At most this many tenants." };
        var prefix = new Option<string?>("--prefix") { Description = "Only tenants whose slug starts with this." };
        var suspended = new Option<bool>("--suspended") { Description = "Only suspended tenants." };
        var command = new Command("list", "List tenants in slug order with their schema, status and migration version; page with --limit and --after.")
        {
            json, after, limit, prefix, suspended,
        };
        run.Handle(command, async context =>
        {
            if (context.Value(limit) is < 1)
            {
                throw new SubletCommandException("--limit must be at least 1.");
            }

            var query = new TenantListQuery
            {
                After = context.Value(after),
                Limit = context.Value(limit),
                Prefix = context.Value(prefix),
                Status = context.Value(suspended) ? TenantStatus.Suspended : null,
            };
            var tenants = await PlacedAsync(context, await (await context.ServiceAsync<ITenantLifecycle>()).ListAsync(query, context.CancellationToken));
            if (context.Value(json))
            {
                await CommandJson.WriteAsync(context.Console.Out, tenants);
                return 0;
            }

            await TenantText.WriteTableAsync(context.Console.Out, tenants);
            return 0;
        });
        return command;
    }

    private static Command Show(SubletCommandRunner run)
    {
        var slug = SlugArgument();
        var json = JsonOption();
        var command = new Command("show", "Show one tenant.") { slug, json };
        run.Handle(command, async context =>
        {
            var tenant = (await PlacedAsync(context, [await (await context.ServiceAsync<ITenantLifecycle>()).GetAsync(context.Value(slug), context.CancellationToken)]))[0];
            if (context.Value(json))
            {
                await CommandJson.WriteAsync(context.Console.Out, tenant);
                return 0;
            }

            await TenantText.WriteDetailsAsync(context.Console.Out, tenant);
            return 0;
        });
        return command;
    }

    private static Command SetStatus(SubletCommandRunner run, string name, string description, bool suspend)
    {
        var slug = SlugArgument();
        var command = new Command(name, description) { slug };
        run.Handle(command, async context =>
        {
            var lifecycle = await context.ServiceAsync<ITenantLifecycle>();
            var tenant = suspend
                ? await lifecycle.SuspendAsync(context.Value(slug), context.CancellationToken)
                : await lifecycle.ResumeAsync(context.Value(slug), context.CancellationToken);
            await context.Console.Out.WriteLineAsync($"Tenant {tenant.Slug} is {TenantText.Status(tenant.Status)}.");
            return 0;
        });
        return command;
    }

    private static Command Rename(SubletCommandRunner run)
    {
        var slug = SlugArgument();
        var newSlug = new Argument<string>("new-slug") { Description = "The new subdomain; the schema keeps its name." };
        var command = new Command("rename", "Move a tenant to a new subdomain; the old one answers 404.") { slug, newSlug };
        run.Handle(command, async context =>
        {
            var tenant = await (await context.ServiceAsync<ITenantLifecycle>()).RenameAsync(context.Value(slug), context.Value(newSlug), context.CancellationToken);
            await context.Console.Out.WriteLineAsync($"Renamed {context.Value(slug)} to {tenant.Slug} (schema {tenant.SchemaName}).");
            return 0;
        });
        return command;
    }

    private static Command Delete(SubletCommandRunner run)
    {
        var slug = SlugArgument();
        var archive = new Option<FileInfo?>("--archive") { Description = "First write the tenant's schema to this file with pg_dump; if that fails, nothing is deleted." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Confirm: required when standard input is a terminal." };
        var command = new Command("delete", "Delete a tenant: its catalog row and its schema with all its data.") { slug, archive, yes };
        run.Handle(command, async context =>
        {
            if (context.Console.InputIsTerminal && !context.Value(yes))
            {
                throw new SubletCommandException($"Deleting {context.Value(slug)} drops its schema and all its data: add --yes to confirm.");
            }

            var lifecycle = await context.ServiceAsync<ITenantLifecycle>();
            var archivePath = context.Value(archive)?.FullName;
            await lifecycle.DeleteAsync(context.Value(slug), archivePath, context.CancellationToken);
            await context.Console.Out.WriteLineAsync(archivePath is null
                ? $"Deleted tenant {context.Value(slug)}."
                : $"Deleted tenant {context.Value(slug)}; its schema is archived in {archivePath}.");
            return 0;
        });
        return command;
    }

    private static Command Adopt(SubletCommandRunner run)
    {
        var schema = new Argument<string?>("schema") { Description = "An existing schema to register as a tenant.", Arity = ArgumentArity.ZeroOrOne };
        var slug = new Option<string?>("--slug") { Description = "The tenant's subdomain; default: the schema name with '_' as '-'." };
        var all = new Option<bool>("--all") { Description = "Adopt every schema that no tenant owns (system and shared schemas excepted)." };
        var shard = ShardOption("The shard whose database holds the schemas; default: the central database.");
        var json = JsonOption();
        var command = new Command("adopt", "Register existing schemas (e.g. made by the seed's SQL) as tenants, recording the migrations they already satisfy.")
        {
            schema, slug, all, shard, json,
        };
        run.Handle(command, async context =>
        {
            var name = context.Value(schema);
            var adoptAll = context.Value(all);
            if (adoptAll == (name is not null) || (adoptAll && context.Value(slug) is not null))
            {
                throw new SubletCommandException("Name one schema (optionally with --slug), or use --all alone.");
            }

            var lifecycle = await context.ServiceAsync<ITenantLifecycle>();
            var schemas = adoptAll ? await lifecycle.ListUnregisteredSchemasAsync(context.Value(shard), context.CancellationToken) : [name!];
            var results = new List<AdoptResult>();
            var quiet = context.Value(json);
            foreach (var candidate in schemas)
            {
                AdoptResult result;
                try
                {
                    var adoption = await lifecycle.AdoptAsync(candidate, adoptAll ? null : context.Value(slug), context.Value(shard), context.CancellationToken);
                    result = new AdoptResult(candidate, adoption.Tenant.Slug, adoption.SatisfiedMigrations, null);
                }
                catch (Exception exception) when (adoptAll && exception is TenantProvisioningException or Npgsql.PostgresException)
                {
                    // One schema's failure neither hides nor stops the others: each is reported as it ends.
                    result = new AdoptResult(candidate, null, [], exception is Npgsql.PostgresException postgres ? postgres.MessageText : exception.Message);
                }

                results.Add(result);
                if (!quiet)
                {
                    await context.Console.Out.WriteLineAsync(result.Error is null
                        ? $"Adopted schema {result.Schema} as tenant {result.Slug}; already satisfied: {(result.SatisfiedMigrations.Count == 0 ? "none" : string.Join(", ", result.SatisfiedMigrations))}."
                        : $"Skipped schema {result.Schema}: {result.Error}");
                }
            }

            if (quiet)
            {
                await CommandJson.WriteAsync(context.Console.Out, results);
            }
            else if (results.Count == 0)
            {
                await context.Console.Out.WriteLineAsync("No schema to adopt.");
            }

            var failed = results.Count(result => result.Error is not null);
            if (failed > 0)
            {
                throw new SubletCommandException($"{failed} of {results.Count} schemas could not be adopted.");
            }

            return 0;
        });
        return command;
    }

    private sealed record AdoptResult(string Schema, string? Slug, IReadOnlyList<string> SatisfiedMigrations, string? Error);
}
