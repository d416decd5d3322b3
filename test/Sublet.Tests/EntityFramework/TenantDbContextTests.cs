using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sublet.EntityFrameworkCore;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.EntityFramework;

/// <summary>A tenant DbContext in requests: the request's tenant connection and transaction, every kind of EF Core work, commit and rollback.</summary>
public sealed class TenantDbContextTests(EfServerFixture server) : IClassFixture<EfServerFixture>
{
    [Fact]
    public async Task A_request_reads_its_own_tenants_rows_through_its_schema()
    {
        using var acme = server.Client("acme");
        using var globex = server.Client("globex");
        Assert.Equal("acme", (await acme.GetFromJsonAsync<string>("/ef/search-path")).Trim('"'));
        var acmeNotes = await acme.GetFromJsonAsync<string[]>("/ef/notes");
        var globexNotes = await globex.GetFromJsonAsync<string[]>("/ef/notes");
        Assert.Contains(EfServerFixture.OwnNote("acme"), acmeNotes!);
        Assert.DoesNotContain(EfServerFixture.OwnNote("globex"), acmeNotes!);
        Assert.Contains(EfServerFixture.OwnNote("globex"), globexNotes!);
        Assert.DoesNotContain(EfServerFixture.OwnNote("acme"), globexNotes!);
    }

    [Fact]
    public async Task The_schema_selection_sent_with_the_first_query_survives_a_savepoint_and_a_semicolon()
    {
        using var acme = server.Client("acme");
        var own = EfServerFixture.OwnNote("acme");
        Assert.Equal([own, own], await acme.GetFromJsonAsync<string[]>($"/ef/savepoint-first?prefix={Uri.EscapeDataString(own)}"));
        var notes = await acme.GetFromJsonAsync<string[]>("/ef/semicolon-first");
        Assert.Contains(own, notes!);
        Assert.DoesNotContain(EfServerFixture.OwnNote("globex"), notes!);
    }

    [Fact]
    public async Task SaveChanges_of_many_entities_commits_when_the_request_succeeds()
    {
        using var acme = server.Client("acme");
        Assert.Equal(50, await acme.SendForJsonAsync<int>(HttpMethod.Post, "/ef/notes?text=many&count=50"));
        Assert.Equal(50, await CountAsync("acme", "many-%"));
        Assert.Equal(0, await CountAsync("globex", "many-%"));
    }

    [Fact]
    public async Task Work_saved_before_the_request_throws_is_rolled_back()
    {
        using var acme = server.Client("acme");
        var response = await acme.SendAsync(HttpMethod.Post, "/ef/notes/then-throw?text=thrown");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await CountAsync("acme", "thrown"));
    }

    [Fact]
    public async Task A_SaveChanges_refused_half_way_leaves_none_of_its_rows()
    {
        using var acme = server.Client("acme");
        var response = await acme.SendAsync(HttpMethod.Post, "/ef/notes/half-bad?text=halfbad");
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(0, await CountAsync("acme", "halfbad-%"));
    }

    [Fact]
    public async Task ExecuteUpdate_ExecuteDelete_raw_SQL_and_compiled_queries_work_in_the_tenants_schema()
    {
        using var acme = server.Client("acme");
        using var globex = server.Client("globex");
        Assert.Equal(HttpStatusCode.OK, (await acme.SendAsync(HttpMethod.Post, "/ef/notes?text=bulk&count=3")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await globex.SendAsync(HttpMethod.Post, "/ef/notes?text=bulk&count=2")).StatusCode);

        Assert.Equal(3, await acme.SendForJsonAsync<int>(HttpMethod.Post, "/ef/notes/tag?prefix=bulk&tag=red"));
        Assert.Equal(["bulk-0", "bulk-1", "bulk-2"], await acme.GetFromJsonAsync<string[]>("/ef/notes/tagged?tag=red"));
        Assert.Empty((await globex.GetFromJsonAsync<string[]>("/ef/notes/tagged?tag=red"))!);

        var globexCount = await globex.GetFromJsonAsync<int>("/ef/count");
        Assert.Equal(globexCount, await globex.GetFromJsonAsync<int>("/ef/sync-count"));
        Assert.Equal(3, await acme.SendForJsonAsync<int>(HttpMethod.Delete, "/ef/notes?prefix=bulk"));
        Assert.Equal(0, await CountAsync("acme", "bulk-%"));
        Assert.Equal(2, await CountAsync("globex", "bulk-%"));
        Assert.Equal(globexCount, await globex.GetFromJsonAsync<int>("/ef/count"));
    }

    [Fact]
    public async Task An_explicit_transaction_is_refused_and_a_savepoint_in_the_requests_transaction_works()
    {
        using var acme = server.Client("acme");
        var response = await acme.SendAsync(HttpMethod.Post, "/ef/begin?text=savepoint");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already in a transaction", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync("acme", "savepoint-kept"));
        Assert.Equal(0, await CountAsync("acme", "savepoint-discarded"));
    }

    [Fact]
    public async Task Without_a_tenant_the_context_refuses_to_reach_any_database()
    {
        using var central = new HostClient(server.Address, $"localhost:{server.Address.Port}");
        var response = await central.GetAsync("/ef/central");
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("has no tenant", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // Outside a request, a context from the container has no tenant either; EF Core's own factory is not offered, and
        // a context made by hand from the registered options reaches no database.
        await using var scope = server.Services.CreateAsyncScope();
        var unbound = scope.ServiceProvider.GetRequiredService<NotesDb>();
        var outside = await Assert.ThrowsAsync<InvalidOperationException>(() => unbound.Notes.CountAsync(TestContext.Current.CancellationToken));
        Assert.Contains("CreateForTenantAsync", outside.Message, StringComparison.Ordinal);
        Assert.Null(server.Services.GetService<IDbContextFactory<NotesDb>>());
        await using var byHand = new NotesDb(server.Services.GetRequiredService<DbContextOptions<NotesDb>>());
        Assert.Contains("was not given a tenant", Assert.Throws<InvalidOperationException>(() => byHand.Notes.Count()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outside_a_request_a_named_tenants_context_commits_only_when_told()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var contexts = server.Services.GetRequiredService<ITenantDbContextFactory<NotesDb>>();
        await using (var rolledBack = await contexts.CreateForTenantAsync("globex", cancellationToken))
        {
            rolledBack.Context.Notes.Add(new Note { Text = "background-dropped" });
            await rolledBack.Context.SaveChangesAsync(cancellationToken);
        }

        await using (var committed = await contexts.CreateForTenantAsync("globex", cancellationToken))
        {
            committed.Context.Notes.Add(new Note { Text = "background-kept" });
            await committed.Context.SaveChangesAsync(cancellationToken);
            await committed.CommitAsync(cancellationToken);
        }

        Assert.Equal(0, await CountAsync("globex", "background-dropped"));
        Assert.Equal(1, await CountAsync("globex", "background-kept"));
        Assert.Equal(0, await CountAsync("acme", "background-%"));
        var unknown = await Assert.ThrowsAsync<InvalidOperationException>(() => contexts.CreateForTenantAsync("nobody", cancellationToken));
        Assert.Contains("nobody", unknown.Message, StringComparison.Ordinal);
    }

    private Task<long> CountAsync(string schema, string pattern) =>
        Database.CountAsync(server.DataSource, $"SELECT count(*) FROM \"{schema}\".notes WHERE text LIKE $1", pattern);
}
