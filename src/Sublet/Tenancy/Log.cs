using Microsoft.Extensions.Logging;

namespace Sublet.Tenancy;

/// <summary>Tenant catalog log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information, Message = "Tenant catalog loaded: {TenantCount} tenants")]
    public static partial void CatalogLoaded(ILogger logger, int tenantCount);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Debug, Message = "Catalog change notified ({NotificationCount} notifications); read the whole catalog again")]
    public static partial void CatalogReloadedOnNotification(ILogger logger, int notificationCount);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Debug, Message = "Catalog change notified; read {TenantCount} tenants again (shards: {ShardsChanged})")]
    public static partial void CatalogChangesApplied(ILogger logger, int tenantCount, bool shardsChanged);
}
