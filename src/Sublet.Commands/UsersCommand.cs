using System.CommandLine;
using Sublet.Passwords;
using Sublet.Tenancy;
using Sublet.Users;
using Sublet.Core;

namespace Sublet.Commands;

/// <summary><c>sublet users ...</c>: a tenant's users, through the app's <see cref="ITenantUserStore"/>. Passwords come from standard input only.</summary>
internal static class UsersCommand
{
    public static Command Build(SubletCommandRunner run)
    {
        var users = new Command("users", "Add, list and remove a tenant's users, and set their passwords (read from standard input).");
        users.Subcommands.Add(WithPassword(run, "add", "Add a user; the password is the first line of standard input.", async (store, tenant, name, hash, cancellationToken) =>
            await store.AddAsync(tenant, name, hash, cancellationToken)
                ? $"Added user {name} to tenant {tenant.Slug}."
                : throw new SubletCommandException($"User '{name}' already exists in tenant {tenant.Slug}.")));
        users.Subcommands.Add(WithPassword(run, "passwd", "Set a user's password from the first line of standard input.", async (store, tenant, name, hash, cancellationToken) =>
            await store.SetPasswordAsync(tenant, name, hash, cancellationToken)
                ? $"Set the password of {name} in tenant {tenant.Slug}; their sessions are ended."
                : throw NoUser(tenant, name)));
        users.Subcommands.Add(Remove(run));
        users.Subcommands.Add(List(run));
        users.Subcommands.Add(LogoutAll(run));
        users.Subcommands.Add(Import(run));
        return users;
    }

    private static Option<string> TenantOption() => new("--tenant", "-t") { Description = "The tenant's slug.", Required = true };

    private static Argument<string> UserArgument() => new("username") { Description = "The user's login name." };

    /// <summary>A command that reads a password, hashes it, and gives the hash to the store.</summary>
    private static Command WithPassword(
        SubletCommandRunner run, string name, string description, Func<ITenantUserStore, Tenant, string, string, CancellationToken, Task<string>> change)
    {
        var tenant = TenantOption();
        var user = UserArgument();
        // Always so; accepted for the same command line as 'tenants create --password-stdin'.
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (the only way it is read)." };
        var command = new Command(name, description) { user, tenant, passwordStdin };
        run.Handle(command, async context =>
        {
            var username = RequireName(context.Value(user));
            var password = await context.ReadPasswordAsync();
            var found = await TenantAsync(context, context.Value(tenant));
            var hash = (await context.ServiceAsync<IPasswordHasher>()).Hash(password);
            var store = await context.ServiceAsync<ITenantUserStore>();
            await context.Console.Out.WriteLineAsync(await change(store, found, username, hash, context.CancellationToken));
            return 0;
        });
        return command;
    }

    private static Command Remove(SubletCommandRunner run)
    {
        var tenant = TenantOption();
        var user = UserArgument();
        var command = new Command("remove", "Remove a user.") { user, tenant };
        run.Handle(command, async context =>
        {
            var name = RequireName(context.Value(user));
            var found = await TenantAsync(context, context.Value(tenant));
            if (!await (await context.ServiceAsync<ITenantUserStore>()).RemoveAsync(found, name, context.CancellationToken))
            {
                throw NoUser(found, name);
            }

            await context.Console.Out.WriteLineAsync($"Removed user {name} from tenant {found.Slug}.");
            return 0;
        });
        return command;
    }

    private static Command List(SubletCommandRunner run)
    {
        var tenant = TenantOption();
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text." };
        var command = new Command("list", "List a tenant's users.") { tenant, json };
        run.Handle(command, async context =>
        {
            var found = await TenantAsync(context, context.Value(tenant));
            var users = await (await context.ServiceAsync<ITenantUserStore>()).ListAsync(found, context.CancellationToken);
            if (context.Value(json))
            {
                await CommandJson.WriteAsync(context.Console.Out, users.Select(username => new { Username = username }));
                return 0;
            }

            foreach (var username in users)
            {
                await context.Console.Out.WriteLineAsync(username);
            }

            return 0;
        });
        return command;
    }

    private static Command Import(SubletCommandRunner run)
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

            var found = await TenantAsync(context, context.Value(tenant));
            // Wrapping a weaker hash computes the rounds it lacks, so the rows are prepared on every core.
            var stored = rows.AsParallel().AsOrdered().WithCancellation(context.CancellationToken)
                .Select(row => new TenantUser(row.Username, hashes.Prepare(row.Hash))).ToList();
            var import = await (await context.ServiceAsync<ITenantUserStore>()).ImportAsync(found, stored, context.Value(update), context.CancellationToken);
            if (import.Conflict is { } index)
            {
                throw new SubletCommandException($"User '{rows[index].Username}' already exists in tenant {found.Slug}; nothing was imported (use --update to replace hashes).");
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

    private static Command LogoutAll(SubletCommandRunner run)
    {
        var tenant = TenantOption();
        var user = new Argument<string?>("username") { Description = "The user to log out; without it, every user of the tenant.", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("logout-all", "End a user's sessions, or every session of the tenant.") { user, tenant };
        run.Handle(command, async context =>
        {
            var name = context.Value(user);
            var found = await TenantAsync(context, context.Value(tenant));
            var store = await context.ServiceAsync<ITenantUserStore>();
            var ended = await store.LogOutEverywhereAsync(found, name is null ? null : RequireName(name), context.CancellationToken);
            await context.Console.Out.WriteLineAsync(name is null
                ? $"Ended {ended} sessions in tenant {found.Slug}."
                : $"Ended {ended} sessions of {name} in tenant {found.Slug}.");
            return 0;
        });
        return command;
    }

    private static SubletCommandException NoUser(Tenant tenant, string name) => new($"No user '{name}' in tenant {tenant.Slug}.");

    private static string RequireName(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new SubletCommandException("A user name cannot be empty.") : name;

    private static async Task<Tenant> TenantAsync(SubletCommandContext context, string slug)
    {
        var catalog = await context.ServiceAsync<ITenantCatalog>();
        return catalog.TryGetTenant(slug, out var tenant)
            ? tenant
            : throw new SubletCommandException(TenantProvisioningException.NoTenantMessage(slug));
    }
}
