using System.CommandLine;
using Sublet.Core;
using Sublet.Domains;

namespace Sublet.Commands;

/// <summary><c>sublet domains ...</c>: tenants' custom domains, added by the operator and so trusted without a DNS check.</summary>
internal static class DomainsCommand
{
    public static Command Build(SubletCommandRunner run)
    {
        var domains = new Command("domains", "Add, list, remove and choose the primary of a tenant's custom domains.");
        domains.Subcommands.Add(Add(run));
        domains.Subcommands.Add(List(run));
        domains.Subcommands.Add(Remove(run));
        domains.Subcommands.Add(Primary(run));
        return domains;
    }

    private static Argument<string> SlugArgument() => new("slug") { Description = "The tenant's subdomain." };

    private static Argument<string> DomainArgument() => new("domain") { Description = "The custom domain, e.g. app.example.com (IDN allowed)." };

    private static Command Add(SubletCommandRunner run)
    {
        var (slug, domain) = (SlugArgument(), DomainArgument());
        var primary = new Option<bool>("--primary") { Description = "Make it the tenant's primary domain (the first one is anyway)." };
        var command = new Command("add", "Give a tenant a custom domain, active at once; point its DNS at the server first.") { slug, domain, primary };
        run.Handle(command, async context =>
        {
            var added = await (await context.ServiceAsync<ITenantDomains>()).AddAsync(context.Value(slug), context.Value(domain), context.Value(primary), context.CancellationToken);
            await context.Console.Out.WriteLineAsync($"Added {added.Domain} to {added.Tenant}{(added.IsPrimary ? " (primary)" : string.Empty)}.");
            return 0;
        });
        return command;
    }

    private static Command List(SubletCommandRunner run)
    {
        var slug = SlugArgument();
        var json = new Option<bool>("--json") { Description = "Write JSON instead of text." };
        var command = new Command("list", "List a tenant's custom domains, primary first.") { slug, json };
        run.Handle(command, async context =>
        {
            var domains = await (await context.ServiceAsync<ITenantDomains>()).ListAsync(context.Value(slug), context.CancellationToken);
            if (context.Value(json))
            {
                await CommandJson.WriteAsync(context.Console.Out, domains);
                return 0;
            }

            foreach (var domain in domains)
            {
                var state = domain.Status == DomainStatus.Active
                    ? domain.IsPrimary ? "primary" : "active"
                    : $"pending: TXT {domain.VerificationRecord} = {domain.VerificationToken}";
                await context.Console.Out.WriteLineAsync($"{domain.Domain}  {state}");
            }

            return 0;
        });
        return command;
    }

    private static Command Remove(SubletCommandRunner run)
    {
        var (slug, domain) = (SlugArgument(), DomainArgument());
        var command = new Command("remove", "Take a custom domain from a tenant; it answers 404 and gets no new certificate.") { slug, domain };
        run.Handle(command, async context =>
        {
            await (await context.ServiceAsync<ITenantDomains>()).RemoveAsync(context.Value(slug), context.Value(domain), context.CancellationToken);
            await context.Console.Out.WriteLineAsync($"Removed {context.Value(domain)} from {context.Value(slug)}.");
            return 0;
        });
        return command;
    }

    private static Command Primary(SubletCommandRunner run)
    {
        var (slug, domain) = (SlugArgument(), DomainArgument());
        var command = new Command("primary", "Make an active custom domain the tenant's primary address.") { slug, domain };
        run.Handle(command, async context =>
        {
            var primary = await (await context.ServiceAsync<ITenantDomains>()).SetPrimaryAsync(context.Value(slug), context.Value(domain), context.CancellationToken);
            await context.Console.Out.WriteLineAsync($"{primary.Domain} is now the primary domain of {primary.Tenant}.");
            return 0;
        });
        return command;
    }
}
