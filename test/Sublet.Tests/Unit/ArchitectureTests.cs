using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using Sublet.Core;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace Sublet.Tests.Unit;

/// <summary>
/// The library's layers, as docs/architecture.md draws them: the bottom (Embedded, Core, Data) uses no area,
/// the areas use the bottom and the few areas they name, and only the composition at the root uses them all.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Composition = "Composition";

    /// <summary>
    /// Bottom to top, what each part of the library may use. A part is a namespace under <c>Sublet</c>; the root
    /// namespace is the composition. Each part names only parts above it in this list, so none can form a cycle.
    /// </summary>
    private static readonly (string Part, string[] MayUse)[] Layers =
    [
        // The bottom layer: every area may use it, it uses no area.
        ("Embedded", []),
        ("Core", ["Embedded"]),
        ("Data", ["Core"]),

        // The areas. Hosting, the request edge, comes first among those that act on a request: they read the
        // tenant it resolved (GetTenant), and it turns their refusals into responses.
        ("Tenancy", ["Core", "Data"]),
        ("Domains", ["Core", "Data", "Tenancy"]),
        ("Diagnostics", ["Core"]),
        ("Passwords", ["Core"]),
        ("Citus", ["Core"]),
        ("Migrations", ["Core", "Data"]),
        ("Hosting", ["Core", "Tenancy", "Domains", "Diagnostics"]),
        ("Sessions", ["Core", "Hosting"]),
        ("Security", ["Core", "Hosting"]),
        ("Reliability", ["Core", "Data", "Tenancy", "Diagnostics", "Hosting"]),
        ("Sharding", ["Core", "Data", "Embedded", "Tenancy", "Citus"]),
        ("Provisioning", ["Core", "Data", "Embedded", "Tenancy", "Citus", "Migrations", "Sessions", "Sharding"]),
        ("Users", ["Core", "Data", "Sessions"]),

        // Endpoints an app maps: they only call the areas below.
        ("Login", ["Core", "Hosting", "Diagnostics", "Passwords", "Security", "Sessions", "Users"]),
        ("Admin", ["Core", "Data", "Domains", "Hosting", "Passwords", "Provisioning", "Users"]),

        // The top: AddSublet, UseSublet and the builder wire every area together.
        (Composition,
        [
            "Embedded", "Core", "Data", "Tenancy", "Domains", "Diagnostics", "Passwords", "Citus", "Migrations", "Hosting", "Sessions", "Security",
            "Reliability", "Sharding", "Provisioning", "Users", "Login", "Admin",
        ]),
    ];

    /// <summary>Extension classes live in the framework's namespaces, as ASP.NET Core's own do; each belongs to a part.</summary>
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.Ordinal)
    {
        ["Microsoft.Extensions.DependencyInjection.SubletServiceCollectionExtensions"] = Composition,
        ["Microsoft.AspNetCore.Builder.SubletApplicationBuilderExtensions"] = Composition,
        ["Microsoft.AspNetCore.Builder.SubdomainEndpointConventionBuilderExtensions"] = "Hosting",
        ["Microsoft.AspNetCore.Http.HttpContextTenantExtensions"] = "Hosting",
        ["Microsoft.AspNetCore.Http.HttpContextSignInExtensions"] = "Sessions",
        ["Microsoft.AspNetCore.Builder.SubletLoginEndpointRouteBuilderExtensions"] = "Login",
        ["Microsoft.AspNetCore.Builder.SubletAdminApiEndpointRouteBuilderExtensions"] = "Admin",
        ["Microsoft.AspNetCore.Builder.SubletDomainsApiEndpointRouteBuilderExtensions"] = "Admin",
    };

    private static readonly Architecture Library = new ArchLoader().LoadAssemblies(typeof(SubletOptions).Assembly).Build();

    [Fact]
    public void Each_part_of_the_library_uses_only_the_parts_it_may()
    {
        var allowed = Layers.ToDictionary(layer => layer.Part, layer => layer.MayUse.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in LibraryTypes())
        {
            var from = PartOf(type)!;
            foreach (var dependency in type.Dependencies)
            {
                var to = PartOf(dependency.Target);
                if (to is not null && to != from && !allowed[from].Contains(to))
                {
                    violations.Add($"{from} -> {to}: {type.FullName} uses {dependency.Target.FullName}");
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public void Every_type_of_the_library_belongs_to_a_part_of_the_layers()
    {
        var parts = Layers.Select(layer => layer.Part).ToHashSet(StringComparer.Ordinal);
        var unplaced = Library.Types
            .Where(IsOwnType)
            .Where(type => PartOf(type) is not { } part || !parts.Contains(part))
            .Select(type => type.FullName)
            .ToList();

        Assert.True(unplaced.Count == 0, string.Join(Environment.NewLine, unplaced));
    }

    [Fact]
    public void Each_part_may_use_only_parts_below_it_so_the_rule_itself_has_no_cycle()
    {
        var below = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (part, mayUse) in Layers)
        {
            Assert.All(mayUse, used => Assert.Contains(used, below));
            below.Add(part);
        }
    }

    [Fact]
    public void The_library_namespaces_import_each_other_in_no_cycle() =>
        Slices().Matching("Sublet.(*)").Should().BeFreeOfCycles().Check(Library);

    [Fact]
    public void The_library_and_its_commands_know_nothing_of_the_demo_server_which_opens_its_internals_to_no_one()
    {
        var packages = new[] { typeof(SubletOptions).Assembly, typeof(Sublet.Commands.SubletCommandRunner).Assembly };
        var server = typeof(Sublet.Server.ServerApp).Assembly;

        Assert.All(packages, package => Assert.DoesNotContain(package.GetReferencedAssemblies(), reference => reference.Name == server.GetName().Name));
        Assert.Empty(server.GetCustomAttributes(typeof(System.Runtime.CompilerServices.InternalsVisibleToAttribute), inherit: false));
    }

    private static IEnumerable<IType> LibraryTypes() => Library.Types.Where(IsOwnType).Where(type => PartOf(type) is not null);

    // Source generators add types of their own namespaces (regular expressions, options validation): not ours to place.
    private static bool IsOwnType(IType type) =>
        type.Namespace.FullName == "Sublet"
        || type.Namespace.FullName.StartsWith("Sublet.", StringComparison.Ordinal)
        || Extensions.ContainsKey(OuterName(type.FullName));

    private static string? PartOf(IType type)
    {
        var ns = type.Namespace.FullName;
        if (ns == "Sublet")
        {
            return Composition;
        }

        if (ns.StartsWith("Sublet.", StringComparison.Ordinal))
        {
            var rest = ns["Sublet.".Length..];
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            return dot < 0 ? rest : rest[..dot];
        }

        return Extensions.GetValueOrDefault(OuterName(type.FullName));
    }

    private static string OuterName(string fullName)
    {
        var nested = fullName.IndexOf('+', StringComparison.Ordinal);
        return nested < 0 ? fullName : fullName[..nested];
    }
}
