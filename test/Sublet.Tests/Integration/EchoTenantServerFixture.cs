using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Sublet.Data;
using Sublet.Tests.Infrastructure;
using Sublet.Core;

namespace Sublet.Tests.Integration;

/// <summary>
/// The server with a test endpoint, <c>GET /whoami</c>, that answers <c>tenant:&lt;slug&gt; schema:&lt;schema&gt;</c>: the
/// tenant the host resolved to and the schema its connection really selected, one database round trip. Each demo
/// tenant also has a custom domain.
/// </summary>
public sealed class EchoTenantServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    /// <summary>The demo tenants' custom domains, by domain.</summary>
    public static readonly IReadOnlyDictionary<string, string> CustomDomains = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["notes.acme-corp.test"] = "company1",
        ["app.company2.example"] = "company2",
    };

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var (domain, slug) in CustomDomains)
        {
            await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Sublet.Domains.ITenantDomains>(Services)
                .AddAsync(slug, domain, cancellationToken: TestContext.Current.CancellationToken);
        }
    }

    protected override void Configure(WebApplication app) =>
        app.MapGet("/whoami", async (Tenant tenant, ITenantDatabase database, CancellationToken cancellationToken) =>
        {
            await using var reader = await database.ExecuteReaderAsync(tenant, "SELECT current_schema()", cancellationToken: cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return Results.Text($"tenant:{tenant.Slug} schema:{reader.GetString(0)}");
        }).RequireTenant();
}
