using System.CommandLine;
using Sublet.Commands;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds an app's own commands beside Sublet's.</summary>
public static class SubletCommandsServiceCollectionExtensions
{
    /// <summary>
    /// Adds a command that <c>RunSubletAsync</c> runs beside <c>tenants</c>, <c>users</c>, <c>shards</c> and
    /// <c>migrate</c>. <paramref name="build"/> creates it and attaches its body with
    /// <see cref="SubletCommandRunner.Handle"/>, which starts Sublet when the body asks for a service.
    /// </summary>
    public static IServiceCollection AddSubletCommand(this IServiceCollection services, Func<SubletCommandRunner, Command> build)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(build);
        return services.AddSingleton(new AppCommand(build));
    }
}
