namespace Sublet.Tests.Domains;

/// <summary>The server sending GET and HEAD on a tenant's subdomain to its primary custom domain.</summary>
public sealed class RedirectingDomainServerFixture(Infrastructure.PostgresCluster cluster) : DomainServerFixture(cluster)
{
    protected override IEnumerable<string> Settings => [.. base.Settings, "Sublet:Domains:RedirectToPrimary=true"];
}
