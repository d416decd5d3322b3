using System.Net;
using Sublet.Testing;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Scaling;

/// <summary>
/// Two separate server processes on one database, as behind a load balancer: sessions, their revocation, the
/// cookie keys and the catalog are shared through PostgreSQL, so a client may land on either.
/// </summary>
public sealed class SeveralInstancesTests(PostgresCluster cluster)
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan NoticeLimit = TimeSpan.FromSeconds(5);

    private static readonly string[] Settings =
    [
        "Sublet:ServerName=localhost",
        "Sublet:LoadDemo=true",
        "Sublet:Passwords:Iterations=2000",
    ];

    [Fact]
    public async Task A_login_on_one_instance_is_served_and_ended_on_the_other()
    {
        using var limit = Limit(TimeSpan.FromMinutes(3));
        var connectionString = await cluster.CreateDatabaseAsync(limit.Token);
        var (a, b) = await StartTwoAsync(connectionString, limit.Token);
        await using (a)
        await using (b)
        {
            using var onA = a.Client("company1.localhost");
            using var onB = b.Client("company1.localhost");
            Assert.Equal(HttpStatusCode.OK, (await onA.LoginAsync("user_1")).StatusCode);
            onB.Cookie = onA.Cookie;

            await HostClient.AssertOnlyRowsOfAsync(await onB.GetAsync("/data"), "company 1 data", "company 2 data");
            Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/data")).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await onB.PostFormAsync("/logout")).StatusCode);

            Assert.Equal(HttpStatusCode.Unauthorized, await onA.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, NoticeLimit));
            Assert.Equal(HttpStatusCode.Unauthorized, (await onB.GetAsync("/data")).StatusCode);
        }
    }

    [Fact]
    public async Task A_tenant_made_with_the_tool_is_served_by_both_instances_within_a_second()
    {
        using var limit = Limit(TimeSpan.FromMinutes(3));
        var connectionString = await cluster.CreateDatabaseAsync(limit.Token);
        var (a, b) = await StartTwoAsync(connectionString, limit.Token);
        await using (a)
        await using (b)
        {
            using var onA = a.Client("made-later.localhost");
            using var onB = b.Client("made-later.localhost");
            Assert.Equal(HttpStatusCode.NotFound, (await onA.GetAsync("/data")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await onB.GetAsync("/data")).StatusCode);

            var created = await Tool.RunAsync(connectionString, ["tenants", "create", "made-later"]);
            Assert.True(created.ExitCode == 0, created.Error);

            // Known but not logged in: 401 where an unknown tenant is 404.
            var seenByA = onA.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1));
            var seenByB = onB.WaitForStatusAsync("/data", HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(1));
            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], await Task.WhenAll(seenByA, seenByB));
        }
    }

    private static CancellationTokenSource Limit(TimeSpan limit)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(limit);
        return source;
    }

    /// <summary>Starts both at once on the empty database, as a deployment does; neither is left running if the other fails.</summary>
    private static async Task<(ServerProcess A, ServerProcess B)> StartTwoAsync(string connectionString, CancellationToken cancellationToken)
    {
        Task<ServerProcess>[] starting =
        [
            SubletServerProcess.StartAsync(connectionString, Settings, StartLimit, cancellationToken),
            SubletServerProcess.StartAsync(connectionString, Settings, StartLimit, cancellationToken),
        ];
        try
        {
            await Task.WhenAll(starting);
        }
        catch
        {
            foreach (var started in starting.Where(task => task.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        return (starting[0].Result, starting[1].Result);
    }
}
