using System.Globalization;
using System.Net;
using System.Text.Json;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Sharding;

/// <summary>The real server on a Citus coordinator: the seed's session, and a tenant moved by Citus while it is busy.</summary>
public sealed class CitusServerTests(CitusServerFixture server) : IClassFixture<CitusServerFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_seed_curl_session_works_through_the_coordinator_with_its_tenant_boundaries()
    {
        server.Citus.RequireCitus();
        using var company1 = server.Client("company1.localhost");
        Assert.Equal(HttpStatusCode.OK, (await company1.LoginAsync("user_1")).StatusCode);

        var data = await company1.GetAsync("/data");
        Assert.Equal("""{"data":[{"description":"company 1 data","id":1}]}""", await data.Content.ReadAsStringAsync(Token));

        using var company2 = server.Client("company2.localhost");
        company2.Cookie = company1.Cookie;
        var replayed = await company2.GetAsync("/data");
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal("application/problem+json", replayed.Content.Headers.ContentType?.MediaType);

        var cookie = company1.Cookie;
        Assert.Equal(HttpStatusCode.OK, (await company1.PostFormAsync("/logout")).StatusCode);
        company1.Cookie = cookie;
        Assert.Equal(HttpStatusCode.Unauthorized, (await company1.GetAsync("/data")).StatusCode);

        // The demo tenants are distributed schemas, each on a worker.
        foreach (var schema in new[] { "company1", "company2" })
        {
            Assert.Contains(await server.Database.WorkerHoldingAsync(schema), server.Database.Workers.Keys);
        }
    }

    [Fact]
    public async Task A_Citus_move_under_steady_signed_in_writes_and_reads_keeps_every_write_once_and_reports_the_stall_it_caused()
    {
        server.Citus.RequireCitus();
        await TestTenant.CreateAsync(server, "busy-co", ["writer"], Token);
        await TestTenant.CreateAsync(server, "bystander", ["reader"], Token);
        await Database.ExecuteAsync(server.Database.Coordinator, "INSERT INTO busy_co.company_data (description) SELECT 'busy-co-seed-' || g FROM generate_series(0, 499) g");
        var from = await server.Database.WorkerHoldingAsync("busy_co");
        var to = server.Database.Workers.Keys.Single(worker => worker != from);

        await using var traffic = await NotesTraffic.StartAsync(
            async slug =>
            {
                var client = server.Client($"{slug}.localhost");
                Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(slug == "busy-co" ? "writer" : "reader")).StatusCode);
                return client;
            },
            "busy-co",
            "bystander");
        await Task.Delay(500, Token);
        var moved = await Tool.RunAsync(server.ConnectionString, ["tenants", "move", "busy-co", "--to", to, "--json"]);
        var acknowledgedAtSwitch = traffic.Acknowledged.Count;
        await Task.Delay(700, Token);
        await traffic.StopAsync();

        Assert.True(moved.ExitCode == 0, moved.Error);
        Assert.Empty(traffic.Unexpected);
        Assert.True(traffic.Acknowledged.Count > acknowledgedAtSwitch, "No write succeeded after the move.");
        Assert.True(traffic.Reads > 10);
        var report = JsonDocument.Parse(moved.Output).RootElement;
        Assert.Equal((from, to), (report.GetProperty("from").GetString(), report.GetProperty("to").GetString()));
        Assert.Equal(to, await server.Database.WorkerHoldingAsync("busy_co"));

        // The stall Citus caused is measured, not assumed: within what the writers themselves waited.
        var stall = TimeSpan.Parse(report.GetProperty("fenced").GetString()!, CultureInfo.InvariantCulture);
        Assert.True(stall > TimeSpan.Zero, "The move reported no write stall.");
        Assert.True(stall <= traffic.LongestWrite + TimeSpan.FromMilliseconds(500), $"Reported {stall.TotalMilliseconds:0} ms; the writers waited at most {traffic.LongestWrite.TotalMilliseconds:0} ms.");

        // Every acknowledged write is there exactly once, and nothing else was written.
        var rows = new List<string>();
        await using (var command = server.Database.Coordinator.CreateCommand("SELECT description FROM busy_co.company_data"))
        await using (var reader = await command.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                rows.Add(reader.GetString(0));
            }
        }

        Assert.Equal(
            traffic.Acknowledged.Concat(Enumerable.Range(0, 500).Select(i => $"busy-co-seed-{i}")).Append("busy-co data").Order(StringComparer.Ordinal),
            rows.Order(StringComparer.Ordinal));
        TestContext.Current.SendDiagnosticMessage(
            $"Citus move: {traffic.Acknowledged.Count} writes, {traffic.Retried} retried after 503, {traffic.Reads} reads, reported stall {stall.TotalMilliseconds:0} ms, longest write {traffic.LongestWrite.TotalMilliseconds:0} ms.");
    }
}
