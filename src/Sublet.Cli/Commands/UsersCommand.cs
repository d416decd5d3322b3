using System.CommandLine;
using Sublet.Data;
using Sublet.Passwords;
using Sublet.Server.Apis;
using Sublet.Sessions;
using Sublet.Tenancy;
using Sublet.Core;

namespace Sublet.Cli.Commands;

/// <summary><c>sublet users ...</c>: the app's users inside one tenant. Passwords come from standard input only.</summary>
internal static class UsersCommand
{
    public static Command Build(CommandRunner run)
    {
        var users = new Command("users", "Add, list and remove a tenant's users, and set their passwords (read from standard input).");
        users.Subcommands.Add(Add(run));
        users.Subcommands.Add(Passwd(run));
        users.Subcommands.Add(Remove(run));
        users.Subcommands.Add(List(run));
        users.Subcommands.Add(LogoutAll(run));
        users.Subcommands.Add(Import(run));
        return users;
    }

    private static Option<string> TenantOption() => new("--tenant", "-t") { Description = "The tenant's slug.", Required = true };

    private static Argument<string> UserArgument() => new("username") { Description = "The user's login name." };

    private static Command Add(CommandRunner run)
    {
        var tenant = TenantOption();
        var user = UserArgument();
        var command = new Command("add", "Add a user; the password is the first line of standard input.") { user, tenant };
        run.Handle(command, async context =>
        {
            var name = RequireName(context.Value(user));
            var password = await context.ReadPasswordAsync();
            var (database, found) = await TenantAsync(context, context.Value(tenant));
            var hash = (await context.ServiceAsync<IPasswordHasher>()).Hash(password);
            if (!await AppUsers.AddAsync(database, found, name, hash, context.CancellationToken))
            {
                throw new CliException($"User '{name}' already exists in tenant {found.Slug}.");
            }

            await context.Console.Out.WriteLineAsync($"Added user {name} to tenant {found.Slug}.");
            return 0;
        });
        return command;
    }

    private static Command Passwd(CommandRunner run)
    {
        var tenant = TenantOption();
        var user = UserArgument();
        var command = new Command("passwd", "Set a user's password from the first line of standard input.") { user, tenant };
        run.Handle(command, async context =>
        {
            var name = RequireName(context.Value(user));
            var password = await context.ReadPasswordAsync();
            var (database, found) = await TenantAsync(context, context.Value(tenant));
            var hash = (await context.ServiceAsync<IPasswordHasher>()).Hash(password);
            var sessions = await context.ServiceAsync<ITenantSessions>();
            if (!await AppUsers.ChangePasswordAsync(database, sessions, found, name, hash, context.CancellationToken))
            {
                throw new CliException($"No user '{name}' in tenant {found.Slug}.");
            }

            await context.Console.Out.WriteLineAsync($"Set the password of {name} in tenant {found.Slug}; their sessions are ended.");
            return 0;
        });
        return command;
    }

    private static Command Remove(CommandRunner run)
    {
        var tenant = TenantOption();
        var user = UserArgument();
        var command = new Command("remove", "Remove a user.") { user, tenant };
        run.Handle(command, async context =>
        {
            var name = RequireName(context.Value(user));
            var (database, found) = await TenantAsync(context, context.Value(tenant));
            var sessions = await context.ServiceAsync<ITenantSessions>();
            if (!await AppUsers.RemoveAsync(database, sessions, found, name, context.CancellationToken))
            {
                throw new CliException($"No user '{name}' in tenant {found.Slug}.");
            }

            await context.Console.Out.WriteLineAsync($"Removed user {name} from tenant {found.Slug}.");
            return 0;
        });
        return command;
    }

    private static Command List(CommandRunner run)
    {
        var tenant = TenantOption();
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text." };
        var command = new Command("list", "List a tenant's users.") { tenant, json };
        run.Handle(command, async context =>
        {
            var (database, found) = await TenantAsync(context, context.Value(tenant));
            var users = await AppUsers.ListAsync(database, found, context.CancellationToken);
            if (context.Value(json))
            {
                await CliJson.WriteAsync(context.Console.Out, users.Select(user => new { user.Id, user.Username }));
                return 0;
            }

            foreach (var (_, username) in users)
            {
                await context.Console.Out.WriteLineAsync(username);
            }

            return 0;
        });
        return command;
    }

    private static Command Import(CommandRunner run)
    {
        var tenant = TenantOption();
        var file = new Argument<FileInfo>("file") { Description = "A CSV file of 'username,hash' lines with passlib or Django PBKDF2-SHA256 hashes." };
        var update = new Option<bool>("--update") { Description = "Replace the hashes of users who already exist (and end their sessions) instead of failing." };
        var command = new Command("import", "Import users with their existing password hashes, all in one transaction: every line or none.") { file, tenant, update };
        run.Handle(command, async context =>
        {
            var hashes = await context.ServiceAsync<ImportedPasswordHashes>();
            IReadOnlyList<(string Username, string Hash)> rows;
            using (var reader = context.Value(file).OpenText())
            {
                rows = await UserCsv.ReadAsync(reader, hashes, context.CancellationToken);
            }

            var (database, found) = await TenantAsync(context, context.Value(tenant));
            // Wrapping a weaker hash computes the rounds it lacks, so the rows are prepared on every core.
            var stored = rows.AsParallel().AsOrdered().WithCancellation(context.CancellationToken)
                .Select(row => (row.Username, hashes.Prepare(row.Hash))).ToList();
            var sessions = await context.ServiceAsync<ITenantSessions>();
            var import = await AppUsers.ImportAsync(database, sessions, found, stored, context.Value(update), context.CancellationToken);
            if (import.Conflict is { } index)
            {
                throw new CliException($"User '{rows[index].Username}' already exists in tenant {found.Slug}; nothing was imported (use --update to replace hashes).");
            }

            await context.Console.Out.WriteLineAsync($"Imported {import.Added} users into tenant {found.Slug}, updated {import.Updated}.");
            var costly = rows.Count(row => hashes.CostsMoreThanConfigured(row.Hash));
            if (costly > 0)
            {
                await context.Console.Out.WriteLineAsync($"{costly} of them have hashes with more rounds than Sublet:Passwords:Iterations: until each logs in once, their logins take longer than others', which shows they exist.");
            }
            return 0;
        });
        return command;
    }

    private static Command LogoutAll(CommandRunner run)
    {
        var tenant = TenantOption();
        var user = new Argument<string?>("username") { Description = "The user to log out; without it, every user of the tenant.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("logout-all", "End a user's sessions, or every session of the tenant.") { user, tenant };
        run.Handle(command, async context =>
        {
            var name = context.Value(user);
            var (_, found) = await TenantAsync(context, context.Value(tenant));
            var sessions = await context.ServiceAsync<ITenantSessions>();
            var ended = name is null
                ? await sessions.RevokeTenantAsync(found.Slug, context.CancellationToken)
                : await sessions.RevokeUserAsync(found.Slug, RequireName(name), context.CancellationToken);
            await context.Console.Out.WriteLineAsync(name is null
                ? $"Ended {ended} sessions in tenant {found.Slug}."
                : $"Ended {ended} sessions of {name} in tenant {found.Slug}.");
            return 0;
        });
        return command;
    }

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new CliException("A user name cannot be empty.") : name;

    private static async Task<(ITenantDatabase Database, Tenant Tenant)> TenantAsync(CommandContext context, string slug)
    {
        var catalog = await context.ServiceAsync<ITenantCatalog>();
        if (!catalog.TryGetTenant(slug, out var tenant))
        {
            throw new CliException(TenantProvisioningException.NoTenantMessage(slug));
        }

        return (await context.ServiceAsync<ITenantDatabase>(), tenant);
    }
}
