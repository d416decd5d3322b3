using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sublet.Domains;
using Sublet.Sharding;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Sharding;

/// <summary>A tenant's custom domains are keyed to the tenant, not to where its schema lives: a move carries them.</summary>
public sealed class DomainMoveTests(MoveServerFixture server) : IClassFixture<MoveServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_tenant_moved_to_another_shard_answers_on_its_custom_domain_with_its_data_from_there()
    {
        await server.CreateTenantWithRowsAsync("roamer", "east", 3);
        await server.Services.GetRequiredService<ITenantDomains>().AddAsync("roamer", "app.roamer.test", cancellationToken: Token);

        await server.Services.GetRequiredService<ITenantMover>().MoveAsync("roamer", "west", cancellationToken: Token);

        using var custom = server.Client("app.roamer.test");
        var notes = await custom.GetAsync("/test/notes");
        Assert.Equal(HttpStatusCode.OK, notes.StatusCode);
        Assert.Contains("roamer-seed-2", await notes.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(1, await Database.CountAsync(server.West, "SELECT count(*) FROM pg_namespace WHERE nspname = 'roamer'"));
        Assert.Equal("app.roamer.test", Assert.Single(await server.Services.GetRequiredService<ITenantDomains>().ListAsync("roamer", Token)).Domain);
    }
}
