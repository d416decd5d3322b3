using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Hardening;

/// <summary>As <see cref="AdminBehindProxyServerFixture"/>, with <c>Sublet:AllowAdminTokenOverHttp</c> set.</summary>
public sealed class AdminOverHttpAllowedServerFixture(PostgresCluster cluster) : AdminBehindProxyServerFixture(cluster)
{
    protected override IEnumerable<string> Settings => [.. base.Settings, "Sublet:AllowAdminTokenOverHttp=true"];
}
