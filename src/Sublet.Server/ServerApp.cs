using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.FileProviders;
using Sublet.Hosting;
using Sublet.Server.Apis;
using Sublet.Server.Demo;
using Sublet.Server.Web;
using Sublet.Core;

namespace Sublet.Server;

/// <summary>Builds the seed's app on Sublet; <c>Program</c> runs it (or one of its commands), the <c>sublet</c> tool runs its commands, tests start it on a free port.</summary>
public static class ServerApp
{
    /// <summary>Creates the app from command-line <paramref name="args"/> and the usual configuration sources.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSublet()
            .AddTenantMigrations(typeof(ServerApp).Assembly)
            .AddTenantSessions()
            .AddAdminApi();
        builder.Services.AddOptions<ServerOptions>().BindConfiguration(ServerOptions.SectionName);
        // Program reports a failed start as one line; the host's own error log would add a stack trace before it.
        // A crashing background service is still logged, at Critical, as it stops the host.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.AddHostedService<DemoLoader>();
        builder.Services.AddSubletCommand(DemoCommand.Build);
        builder.Services.Configure<FormOptions>(options => options.ValueLengthLimit = 4096);
        var staticFolder = StaticFolder(builder.Configuration);
        builder.Services.AddSingleton(_ => new StaticAssets(new PhysicalFileProvider(staticFolder)));
        builder.Services.AddSingleton<WebPages>();
        builder.AddServerTelemetry();
        ListenOnServerNamePort(builder);

        var app = builder.Build();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            // A body over its limit or an unreadable request is the client's fault, not a 500.
            StatusCodeSelector = exception => exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePages();
        app.UseSublet();
        var assets = app.Services.GetRequiredService<StaticAssets>();
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = StaticAssets.RequestPath,
            FileProvider = assets.Files,
            OnPrepareResponse = assets.PrepareResponse,
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapSeedApi();
        app.MapAccountApi();
        app.MapWorkspacesApi();
        app.MapSubletAdminApi();
        app.MapSubletDomainsApi();
        app.MapWebPages();
        return app;
    }

    private static string StaticFolder(ConfigurationManager configuration) =>
        Path.GetFullPath(configuration[$"{ServerOptions.SectionName}:{nameof(ServerOptions.StaticFolder)}"]
            ?? Path.Combine(AppContext.BaseDirectory, "static"));

    /// <summary>Without explicit URLs, listen where the server name says: <c>localhost:5080</c> by default.</summary>
    private static void ListenOnServerNamePort(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey])
            || !string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.HttpPortsKey]))
        {
            return;
        }

        var configured = builder.Configuration[$"{SubletOptions.SectionName}:{nameof(SubletOptions.ServerName)}"] ?? new SubletOptions().ServerName;
        var port = ServerName.TryParse(configured, out var serverName) ? serverName.Port ?? 5080 : 5080;
        builder.WebHost.UseUrls($"http://localhost:{port}");
    }
}
