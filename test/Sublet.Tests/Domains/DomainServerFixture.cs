using Microsoft.Extensions.DependencyInjection;
using Sublet.Domains;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Domains;

/// <summary>The server with the admin API on, for tests of tenants' custom domains.</summary>
public class DomainServerFixture(PostgresCluster cluster) : ServerFixture(cluster)
{
    public const string AdminToken = "test-admin-token-0123456789abcdef";

    public ITenantDomains Domains => Services.GetRequiredService<ITenantDomains>();

    protected override IEnumerable<string> Settings => [$"Sublet:AdminToken={AdminToken}"];
}
