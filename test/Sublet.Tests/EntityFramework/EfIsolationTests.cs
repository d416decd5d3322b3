using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Npgsql;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.EntityFramework;

/// <summary>
/// The raw-connection leak tests repeated through EF Core, with one tenant connection and one pooled context: every
/// request inherits both from a request for the other tenant. Whatever a request did (tracked entities, a failed
/// SaveChanges, a throw after saving, a cancellation), the next one must see only its own tenant's rows.
/// </summary>
[Collection(nameof(RunsAlone))]
public sealed class EfIsolationTests(TinyPoolEfServerFixture server) : IClassFixture<TinyPoolEfServerFixture>
{
    private const int Requests = 3_000;

    [Fact]
    public async Task Alternating_tenants_on_one_pooled_context_and_one_connection_carry_nothing_over()
    {
        using var acme = server.Client("acme");
        using var globex = server.Client("globex");
        var instances = new HashSet<int>();
        for (var i = 0; i < 20; i++)
        {
            var (client, own) = i % 2 == 0 ? (acme, "acme") : (globex, "globex");
            var lease = await client.GetFromJsonAsync<LeaseState>("/ef/lease");
            Assert.Equal(0, lease.TrackedBefore);
            Assert.True(string.IsNullOrEmpty(lease.ConnectionStringBefore), lease.ConnectionStringBefore);
            Assert.False(lease.TransactionBefore);
            Assert.Contains(EfServerFixture.OwnNote(own), lease.Texts);
            Assert.All(lease.Texts, text => Assert.StartsWith(own, text, StringComparison.Ordinal));
            Assert.All(await client.GetFromJsonAsync<string[]>("/ef/raw/notes"), text => Assert.StartsWith(own, text, StringComparison.Ordinal));
            instances.Add(lease.Instance);
        }

        // One context instance served both tenants in turn: the pool did hand it on.
        Assert.Single(instances);
    }

    [Fact]
    public async Task Under_cancellations_failed_saves_and_throws_every_response_holds_only_its_own_tenants_rows()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using var acme = server.Client("acme");
        using var globex = server.Client("globex");
        var clients = new[] { (Client: acme, Slug: "acme"), (Client: globex, Slug: "globex") };
        var wrong = new ConcurrentBag<string>();
        var written = new ConcurrentDictionary<string, int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, Requests), new ParallelOptions { MaxDegreeOfParallelism = 24, CancellationToken = cancellationToken }, async (i, token) =>
        {
            var (client, slug) = clients[i % 2];
            switch (i / 2 % 10)
            {
                case 0:
                    await CancelledAsync(client);
                    break;
                case 1:
                    await ExpectAsync(client, HttpMethod.Post, $"/ef/notes/half-bad?text={slug}-halfbad", HttpStatusCode.InternalServerError, wrong);
                    break;
                case 2:
                    await ExpectAsync(client, HttpMethod.Post, $"/ef/notes/then-throw?text={slug}-thrown", HttpStatusCode.InternalServerError, wrong);
                    break;
                case 3:
                    if (await ExpectAsync(client, HttpMethod.Post, $"/ef/notes?text={slug}-stress&count=2", HttpStatusCode.OK, wrong))
                    {
                        written.AddOrUpdate(slug, 2, (_, count) => count + 2);
                    }

                    break;
                case 4:
                    var probe = await (await client.GetAsync("/ef/probe")).Content.ReadAsStringAsync(token);
                    if (probe != "\"$user\", public")
                    {
                        wrong.Add($"the pooled connection was handed on as: {probe}");
                    }

                    break;
                default:
                    var path = i % 3 == 0 ? "/ef/raw/notes" : "/ef/notes";
                    var response = await client.GetAsync(path);
                    var body = await response.Content.ReadAsStringAsync(token);
                    if (response.StatusCode != HttpStatusCode.OK
                        || JsonSerializer.Deserialize<string[]>(body) is not { } texts
                        || !texts.Contains(EfServerFixture.OwnNote(slug))
                        || texts.Any(text => !text.StartsWith(slug, StringComparison.Ordinal)))
                    {
                        wrong.Add($"{slug} {path}: {(int)response.StatusCode} {body}");
                    }

                    break;
            }
        });

        Assert.Empty(wrong.Take(10));
        foreach (var slug in EfServerFixture.Tenants)
        {
            Assert.Equal(0, await CountAsync(slug, $"{slug}-halfbad%"));
            Assert.Equal(0, await CountAsync(slug, $"{slug}-thrown"));
            Assert.Equal(written.GetValueOrDefault(slug), await CountAsync(slug, $"{slug}-stress-%"));
            Assert.Equal(0, await CountAsync(slug, "%-%") - await CountAsync(slug, $"{slug}-%"));
        }

        // Afterwards the one pooled connection is clean: no transaction left open, no schema selected.
        await using var plain = await server.TenantPool("acme").OpenConnectionAsync(cancellationToken);
        await using var searchPath = new NpgsqlCommand("SHOW search_path", plain);
        Assert.Equal("\"$user\", public", await searchPath.ExecuteScalarAsync(cancellationToken));
        await using var open = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'", plain);
        Assert.Equal(0L, await open.ExecuteScalarAsync(cancellationToken));
    }

    private static async Task<bool> ExpectAsync(HostClient client, HttpMethod method, string path, HttpStatusCode expected, ConcurrentBag<string> wrong)
    {
        var response = await client.SendAsync(method, path);
        if (response.StatusCode != expected)
        {
            wrong.Add($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return false;
        }

        return true;
    }

    /// <summary>A request whose client gives up after a millisecond: before sending, while the server queries, or after.</summary>
    private static async Task CancelledAsync(HostClient client)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMilliseconds(1));
        try
        {
            using var response = await client.GetOrGiveUpAsync("/ef/notes", timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }
    }

    private Task<long> CountAsync(string schema, string pattern) =>
        Database.CountAsync(server.DataSource, $"SELECT count(*) FROM \"{schema}\".notes WHERE text LIKE $1", pattern);
}
