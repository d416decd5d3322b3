using System.Reflection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Sublet.Migrations;

namespace Sublet.Hosting;

/// <summary>Adds an app's parts to Sublet: its tenant migrations and its tenant-bound sessions.</summary>
public sealed class SubletBuilder
{
    internal SubletBuilder(IServiceCollection services) => Services = services;

    /// <summary>The app's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Registers the tenant migrations embedded in <paramref name="assembly"/> as
    /// <c>sublet/tenant/NNNN_name.sql</c> resources; every new tenant schema gets them.
    /// </summary>
    public SubletBuilder AddTenantMigrations(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        Services.AddSingleton(new TenantMigrationSource(assembly));
        return this;
    }

    /// <summary>
    /// Adds cookie sessions bound to the tenant that issued them: host-only, HttpOnly, SameSite=Lax, and
    /// refused (401) on any other tenant's host. Unauthenticated API calls get 401, not a redirect.
    /// </summary>
    public SubletBuilder AddTenantSessions(Action<CookieAuthenticationOptions>? configure = null)
    {
        Services.AddAuthentication(SubletDefaults.AuthenticationScheme)
            .AddCookie(SubletDefaults.AuthenticationScheme, options =>
            {
                options.Cookie.Name = SubletDefaults.CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
                options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
                options.Cookie.Domain = null;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.Events = new TenantBoundCookieEvents();
                configure?.Invoke(options);
            });
        Services.AddAuthorization();
        return this;
    }
}
