using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sublet.Core;
using Sublet.Provisioning;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary>
/// An app of its own on Sublet, behind a trusted proxy that sends the tenant in <c>X-Forwarded-Host</c>: the endpoint
/// is matched on the forwarded host whether or not the app calls <c>UseRouting()</c> after <c>UseSublet()</c>.
/// </summary>
public sealed class PipelineOrderTests(PostgresCluster cluster)
{
    private static readonly IPAddress Proxy = IPAddress.Parse("127.0.0.2");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_forwarded_tenant_host_reaches_the_tenant_endpoint_with_or_without_UseRouting_after_UseSublet(bool useRouting)
    {
        await using var app = await StartAsync(useRouting);
        var port = new Uri(app.Urls.First()).Port;
        using var proxied = new HostClient(new Uri(app.Urls.First()), $"localhost:{port}", Proxy);
        (string, string)[] forwarded = [("X-Forwarded-Host", $"alpha.localhost:{port}")];

        var response = await proxied.SendAsync(HttpMethod.Get, "/who", headers: forwarded);
        var central = await proxied.GetAsync("/who");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alpha", await response.Content.ReadAsStringAsync(Token));
        Assert.Equal(HttpStatusCode.NotFound, central.StatusCode);
    }

    [Fact]
    public async Task UseRouting_before_UseSublet_is_refused_at_start_up_saying_why()
    {
        var builder = Builder(await cluster.CreateDatabaseAsync(Token));
        await using var app = builder.Build();
        app.UseRouting();

        var refused = Assert.Throws<InvalidOperationException>(() => app.UseSublet());

        Assert.StartsWith("UseRouting() is called before UseSublet()", refused.Message, StringComparison.Ordinal);
    }

    private async Task<WebApplication> StartAsync(bool useRouting)
    {
        var app = Builder(await cluster.CreateDatabaseAsync(Token)).Build();
        app.UseSublet();
        if (useRouting)
        {
            app.UseRouting();
        }

        app.MapGet("/who", (Tenant tenant) => tenant.Slug).RequireTenant();
        await app.StartAsync(Token);
        await app.Services.GetRequiredService<ITenantProvisioner>().CreateAsync("alpha", cancellationToken: Token);
        return app;
    }

    private static WebApplicationBuilder Builder(string connectionString)
    {
        var builder = WebApplication.CreateBuilder(
        [
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Sublet={connectionString}",
            "--Sublet:ServerName=localhost",
            $"--Sublet:ForwardedHeaders:KnownProxies:0={Proxy}",
        ]);
        builder.Logging.ClearProviders();
        builder.Services.AddSublet().AddTenantMigrations(typeof(PipelineOrderTests).Assembly);
        return builder;
    }
}
