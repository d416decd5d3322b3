using Microsoft.Extensions.Logging;

namespace Sublet.Hosting;

/// <summary>Sublet's hosting log messages and scopes.</summary>
internal static partial class Log
{
    private static readonly Func<ILogger, string, IDisposable?> TenantScope =
        LoggerMessage.DefineScope<string>("Tenant {TenantSlug}");

    public static IDisposable? BeginTenantScope(ILogger logger, string slug) => TenantScope(logger, slug);

    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Tenant catalog loaded: {TenantCount} tenants")]
    public static partial void CatalogLoaded(ILogger logger, int tenantCount);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied {MigrationCount} central migrations")]
    public static partial void CentralMigrationsApplied(ILogger logger, int migrationCount);
}
