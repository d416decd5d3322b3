using Sublet.Data;

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

    public static Func<TenantConnection, CancellationToken, Task> Seed(string user, string data) =>
        async (connection, cancellationToken) =>
        {
            await using var batch = connection.CreateBatch();
            batch.BatchCommands.Add(new("INSERT INTO app_user (username, password) VALUES ($1, $2)") { Parameters = { new() { Value = user }, new() { Value = SeedPasswordHash } } });
            batch.BatchCommands.Add(new("INSERT INTO company_data (description) VALUES ($1)") { Parameters = { new() { Value = data } } });
            await batch.ExecuteNonQueryAsync(cancellationToken);
        };
}
