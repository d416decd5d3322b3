using Sublet.Core;
using Sublet.Data;
using Sublet.Provisioning;
using Sublet.Tenancy;

namespace Sublet.Server.Demo;

/// <summary>The seed's demo data: two companies, one user each (password <c>foo</c>, the seed's own hash), one row each.</summary>
internal static class DemoTenants
{
    // passlib's pbkdf2_sha256 hash of "foo" from the seed's SQL, kept byte for byte.
    public const string SeedPasswordHash = "$pbkdf2-sha256$29000$5ry31vofg7CWkhJCSClFKA$i01NZ9cAJCAYlXQCY2AXmcmJfe8eD5vZMDOy0h8tH2U";

    public static IReadOnlyList<(string Slug, string User, string Data)> All { get; } =
    [
        ("company1", "user_1", "company 1 data"),
        ("company2", "user_2", "company 2 data"),
    ];

    /// <summary>Creates each demo tenant that does not exist yet; returns, per demo tenant, whether this call created it.</summary>
    public static async Task<IReadOnlyList<(string Slug, string User, bool Created)>> CreateMissingAsync(
        ITenantProvisioner provisioner, ITenantCatalog catalog, CancellationToken cancellationToken)
    {
        var outcomes = new List<(string Slug, string User, bool Created)>();
        foreach (var (slug, user, data) in All)
        {
            var created = false;
            if (!catalog.TryGetTenant(slug, out _))
            {
                try
                {
                    await provisioner.CreateAsync(slug, Seed(user, data), cancellationToken);
                    created = true;
                }
                catch (TenantProvisioningException exception) when (exception.Error == TenantProvisioningError.AlreadyExists)
                {
                    // Another process made it since the catalog was read.
                }
            }

            outcomes.Add((slug, user, created));
        }

        return outcomes;
    }

    private static Func<TenantConnection, CancellationToken, Task> Seed(string user, string data) =>
        async (connection, cancellationToken) =>
        {
            await using var batch = connection.CreateBatch();
            batch.BatchCommands.Add(new("INSERT INTO app_user (username, password) VALUES ($1, $2)")
            {
                Parameters = { new() { Value = user }, new() { Value = SeedPasswordHash } },
            });
            batch.BatchCommands.Add(new("INSERT INTO company_data (description) VALUES ($1)") { Parameters = { new() { Value = data } } });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        };
}
