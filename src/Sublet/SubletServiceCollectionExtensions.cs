using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sublet.Citus;
using Sublet.Data;
using Sublet.Domains;
using Sublet.Embedded;
using Sublet.Hosting;
using Sublet.Migrations;
using Sublet.Passwords;
using Sublet.Provisioning;
using Sublet.Reliability;
using Sublet.Security;
using Sublet.Sessions;
using Sublet.Sharding;
using Sublet.Tenancy;
using Sublet.Users;
using Sublet;
using Sublet.Core;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Sublet.</summary>
public static class SubletServiceCollectionExtensions
{
    /// <summary>
    /// Adds Sublet: settings from the <c>Sublet</c> section (checked at start); the central database
    /// (<c>ConnectionStrings:Sublet</c> or the embedded cluster) and each shard's tenant pools; the in-memory tenant
    /// catalog and host → tenant resolution for endpoints, custom domains included (their DNS checks too); tenant-scoped connections; password hashing, bounded
    /// server-wide; tenant provisioning, lifecycle, migration, shards and moves; each tenant's users (<see cref="ITenantUserStore"/>); session revocation; a listener that
    /// follows other processes' catalog and session changes; Data Protection keys in the central schema; the
    /// per-tenant request limit, readiness checks and the <c>Sublet</c> meter. Central migrations are applied and the
    /// catalog loaded before the app starts.
    /// </summary>
    public static SubletBuilder AddSublet(this IServiceCollection services, Action<SubletOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SubletOptions>().BindConfiguration(SubletOptions.SectionName).ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        AddSection<PasswordOptions, PasswordOptionsValidator>(services, PasswordOptions.SectionName);
        AddSection<LimitOptions, LimitOptionsValidator>(services, LimitOptions.SectionName);
        AddSection<PoolOptions, PoolOptionsValidator>(services, PoolOptions.SectionName);
        services.AddOptions<DomainOptions>().BindConfiguration(DomainOptions.SectionName).ValidateOnStart();
        services.AddOptions<TenantMoveOptions>().BindConfiguration(TenantMoveOptions.SectionName);
        services.AddOptions<ForwardedHeadersSettings>().BindConfiguration(ForwardedHeadersSettings.SectionName).ValidateOnStart();
        services.AddOptions<EmbeddedPostgresOptions>().BindConfiguration(EmbeddedPostgresOptions.SectionName);
        // The checks that need an area's parser or compare two settings; plain ranges are generated per type above.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SubletOptions>, SubletOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PasswordOptions>, SubletOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ForwardedHeadersSettings>, SubletOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DomainOptions>, SubletOptionsValidator>());
        services.TryAddSingleton<CentralDatabase>();
        services.TryAddSingleton(provider => DataSourceFactory.Create(
            provider.GetRequiredService<CentralDatabase>().ConnectionString,
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetServices<DataSourceConfiguration>()));
        services.TryAddSingleton<ShardDataSources>();
        services.TryAddSingleton<CitusMode>();
        services.TryAddSingleton<IShardRegistry, ShardRegistry>();
        services.TryAddSingleton<SchemaDefinitionCopier>();
        services.TryAddSingleton<ITenantMover, TenantMover>();
        services.TryAddSingleton<IShardDrainer, ShardDrainer>();
        services.TryAddSingleton<ITenantCatalog, TenantCatalog>();
        services.TryAddSingleton<DomainMap>();
        services.TryAddSingleton<DomainRules>();
        services.TryAddSingleton<DnsTxtLookup>();
        services.TryAddSingleton<TenantDomains>();
        services.TryAddSingleton<ITenantDomains>(provider => provider.GetRequiredService<TenantDomains>());
        services.TryAddSingleton<SubletRequestResolver>();
        services.TryAddSingleton<FixedSubdomains>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, SubdomainMatcherPolicy>());
        services.TryAddSingleton<ITenantDatabase, TenantDatabase>();
        services.TryAddSingleton<IPasswordHasher, Pbkdf2PasswordHasher>();
        services.TryAddSingleton<ImportedPasswordHashes>();
        services.TryAddSingleton<IPasswordHashingSlots, PasswordHashingSlots>();
        services.TryAddSingleton<TenantMigrations>();
        services.TryAddSingleton<CentralMigrator>();
        services.TryAddSingleton<SlugRules>();
        services.TryAddSingleton<SchemaArchiver>();
        services.TryAddSingleton<ITenantProvisioner, TenantProvisioner>();
        // Lifecycle changes and the tool revoke sessions, with or without a web server running in this process.
        services.TryAddSingleton<SessionCache>();
        services.TryAddSingleton<ITenantSessions, TenantSessions>();
        services.TryAddSingleton<ITenantLifecycle, TenantLifecycle>();
        services.TryAddSingleton<ITenantMigrator, TenantMigrator>();
        services.AddOptions<TenantUserOptions>().BindConfiguration(TenantUserOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantUserOptions>, TenantUserOptionsValidator>());
        // Try: an app's own store, registered before or after AddSublet, is the one resolved.
        services.TryAddSingleton<ITenantUserStore, TenantUserStore>();
        // Also resolvable on its own: a command run by the app starts Sublet without starting the app.
        services.TryAddSingleton<SubletStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<SubletStartup>());
        // After SubletStartup, so the key table exists when Data Protection's own start-up reads the key ring.
        // A fixed application name: instances in other folders must still share one key ring.
        services.AddDataProtection().SetApplicationName(SubletDefaults.DataProtectionApplicationName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<KeyManagementOptions>, PostgresKeyRingSetup>());
        // After start-up, which has the database ready; a no-op when Sublet:WatchCatalog is false.
        services.AddSingleton<IChangeNotificationHandler, CatalogChangeHandler>();
        services.AddSingleton<IChangeNotificationHandler, DomainChangeHandler>();
        services.AddHostedService<DomainVerification>();
        services.AddHostedService<ChangeListener>();
        services.AddProblemDetails();
        services.AddSubletReliability();
        services.Configure<LoggerFilterOptions>(QuietNpgsqlUnlessConfigured);
        return new SubletBuilder(services);
    }

    /// <summary>An area's settings from their own section, checked at start by the validator generated for them.</summary>
    private static void AddSection<TOptions, TValidator>(IServiceCollection services, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().BindConfiguration(sectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    /// <summary>
    /// Npgsql logs every command at Information, which the ASP.NET Core template's <c>Default: Information</c> turns
    /// on: Npgsql's warnings and errors only, unless the app's logging configuration names an <c>Npgsql</c> category
    /// itself (configuration is applied before this, an app's own <c>AddFilter</c> after it).
    /// </summary>
    private static void QuietNpgsqlUnlessConfigured(LoggerFilterOptions options)
    {
        if (!options.Rules.Any(rule => rule.CategoryName?.StartsWith("Npgsql", StringComparison.Ordinal) == true))
        {
            options.Rules.Add(new LoggerFilterRule(providerName: null, categoryName: "Npgsql", logLevel: LogLevel.Warning, filter: null));
        }
    }
}
