using System.CommandLine;
using Sublet.Commands;
using Sublet.Provisioning;
using Sublet.Tenancy;

namespace Sublet.Server.Demo;

/// <summary>The app's own command beside Sublet's, <c>demo</c>: the seed's two demo companies, as the server loads them on first start.</summary>
internal static class DemoCommand
{
    public static Command Build(SubletCommandRunner run)
    {
        var command = new Command("demo", "Load the seed's demo tenants (company1 with user_1, company2 with user_2; password foo). Existing ones are left alone.");
        run.Handle(command, async context =>
        {
            var provisioner = await context.ServiceAsync<ITenantProvisioner>();
            var catalog = await context.ServiceAsync<ITenantCatalog>();
            foreach (var (slug, user, created) in await DemoTenants.CreateMissingAsync(provisioner, catalog, context.CancellationToken))
            {
                await context.Console.Out.WriteLineAsync(created
                    ? $"Created demo tenant {slug} (user {user}, password foo)."
                    : $"Tenant {slug} already exists; left as it is.");
            }

            return 0;
        });
        return command;
    }
}
