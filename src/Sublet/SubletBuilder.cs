using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sublet.Admin;
using Npgsql;
using Sublet.Data;
using Sublet.Migrations;
using Sublet.Security;
using Sublet.Sessions;
using Sublet.Core;

namespace Sublet;

/// <summary>Adds an app's parts to Sublet: its tenant migrations, its tenant-bound sessions and the admin API.</summary>
public sealed class SubletBuilder
{
    internal SubletBuilder(IServiceCollection services) => Services = services;

    /// <summary>The app's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers the tenant migrations embedded in <paramref name="assembly"/>: the files of the project's
    /// <c>Migrations/Tenant</c> folder (the Sublet package embeds them; <c>&lt;EmbeddedResource
    /// Include="Migrations/Tenant/*.sql" /&gt;</c> does the same by hand). Every new tenant schema gets them, and the
    /// app refuses to start when that folder in its content root holds a file that was not embedded.
    /// </summary>
    public SubletBuilder AddTenantMigrations(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Services.AddSingleton(new TenantMigrationSource(assembly));
        return this;
    }

    /// <summary>
    /// Configures the <see cref="NpgsqlDataSourceBuilder"/> of every pool Sublet builds, the central database's and each
    /// shard's tenant pools alike: type mappings such as <c>MapEnum</c>, plugins, JSON options. Several calls apply
    /// in order.
    /// </summary>
    public SubletBuilder ConfigureDataSource(Action<NpgsqlDataSourceBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddSingleton(new DataSourceConfiguration(configure));
        return this;
    }

    /// <summary>
    /// Adds cookie sessions bound to the tenant that issued them: host-only, HttpOnly, SameSite=Lax, <c>Secure</c>
    /// with the <c>__Host-</c> prefix over HTTPS, and refused (401) on any other tenant's host. The session lives
    /// in the central database (<see cref="ITenantSessions"/> revokes it); the cookie holds only its id. Lifetimes
    /// come from <c>Sublet:Sessions</c>; <see cref="ILoginThrottle"/> limits login attempts as <c>Sublet:LoginLimits</c> says. Unauthenticated API calls get 401, not a redirect.
    /// </summary>
    public SubletBuilder AddTenantSessions(Action<CookieAuthenticationOptions>? configure = null)
    {
        Services.AddOptions<TenantSessionOptions>().BindConfiguration(TenantSessionOptions.SectionName).ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantSessionOptions>, TenantSessionOptionsValidator>());
        // Only servers that read sessions follow their changes; the cache itself is in AddSublet, beside revocation.
        Services.AddSingleton<IChangeNotificationHandler>(services => services.GetRequiredService<SessionCache>());
        Services.TryAddSingleton<PostgresTicketStore>();
        Services.AddHostedService<SessionCleanup>();
        Services.AddOptions<LoginLimitOptions>().BindConfiguration(LoginLimitOptions.SectionName).ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LoginLimitOptions>, LoginLimitOptionsValidator>());
        Services.TryAddSingleton<ILoginThrottle, LoginThrottle>();

        // Registered before AddCookie's own configuration so that the app's configure callback comes last.
        Services.AddOptions<CookieAuthenticationOptions>(SubletDefaults.AuthenticationScheme)
            .Configure<PostgresTicketStore, IOptions<TenantSessionOptions>>((options, store, sessions) =>
            {
                options.SessionStore = store;
                options.ExpireTimeSpan = sessions.Value.IdleTimeout;
            });
        Services.AddAuthentication(SubletDefaults.AuthenticationScheme)
            .AddCookie(SubletDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = SubletDefaults.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                options.Cookie.Domain = null;
                options.Cookie.Path = "/";
                options.CookieManager = new HostPrefixCookieManager();
                options.SlidingExpiration = true;
                options.Events = new TenantBoundCookieEvents();
                configure?.Invoke(options);
            });
        // After the cookie handler's own post-configuration, which creates the ticket format. Only with a session
        // store: then the cookie carries nothing but the session id, and the handler only reads it.
        Services.TryAddSingleton<UnprotectedCookies>();
        Services.AddOptions<CookieAuthenticationOptions>(SubletDefaults.AuthenticationScheme)
            .PostConfigure<UnprotectedCookies>((options, cache) =>
            {
                if (options.SessionStore is not null && options.TicketDataFormat is not CachedTicketFormat)
                {
                    options.TicketDataFormat = new CachedTicketFormat(options.TicketDataFormat, cache);
                }
            });
        Services.AddAuthorization();
        return this;
    }

    /// <summary>
    /// Adds the admin API's services: <c>Sublet:AdminToken</c> (checked at start: 16 characters or more), its bearer
    /// scheme and policy. <c>app.MapSubletAdminApi()</c> maps the endpoints.
    /// </summary>
    public SubletBuilder AddAdminApi()
    {
        AdminApiServices.Add(Services);
        return this;
    }
}
