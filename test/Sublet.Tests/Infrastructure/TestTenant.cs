using Microsoft.Extensions.DependencyInjection;
using Sublet.Passwords;
using Sublet.Provisioning;

namespace Sublet.Tests.Infrastructure;

/// <summary>A tenant made for one test, with users whose password is <c>foo</c> and one data row naming it.</summary>
public sealed record TestTenant(string Slug)
{
    public string DataRow => $"{Slug} data";

    public static async Task<TestTenant> CreateAsync(ServerFixture server, string slug, IReadOnlyList<string> users, CancellationToken cancellationToken = default)
    {
        var hash = server.Services.GetRequiredService<IPasswordHasher>().Hash("foo");
        var tenant = new TestTenant(slug);
        await server.Services.GetRequiredService<ITenantProvisioner>().CreateAsync(
            slug,
            async (connection, token) =>
            {
                await using var batch = connection.CreateBatch();
                foreach (var user in users)
                {
                    batch.BatchCommands.Add(new("INSERT INTO app_user (username, password) VALUES ($1, $2)") { Parameters = { new() { Value = user }, new() { Value = hash } } });
                }

                batch.BatchCommands.Add(new("INSERT INTO company_data (description) VALUES ($1)") { Parameters = { new() { Value = tenant.DataRow } } });
                await batch.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
        return tenant;
    }
}
