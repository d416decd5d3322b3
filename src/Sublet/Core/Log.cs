using Microsoft.Extensions.Logging;

namespace Sublet.Core;

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

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Tenant migrations: {SucceededCount} tenants migrated, {FailedCount} failed, {UpToDateCount} already up to date")]
    public static partial void TenantMigrationsFinished(ILogger logger, int succeededCount, int failedCount, int upToDateCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Tenant {TenantSlug} failed to migrate: {Error}")]
    public static partial void TenantMigrationFailed(ILogger logger, string tenantSlug, string error);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Catalog change notified; reloaded {TenantCount} tenants")]
    public static partial void CatalogReloadedOnNotification(ILogger logger, int tenantCount);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Lost the change listener's connection ({Reason}); reconnecting in {DelayMilliseconds} ms")]
    public static partial void ChangeListenerDisconnected(ILogger logger, string reason, int delayMilliseconds);
}
