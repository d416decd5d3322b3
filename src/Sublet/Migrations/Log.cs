using Microsoft.Extensions.Logging;

namespace Sublet.Migrations;

/// <summary>Migration log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Applied {MigrationCount} central migrations")]
    public static partial void CentralMigrationsApplied(ILogger logger, int migrationCount);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Tenant migrations: {SucceededCount} tenants migrated, {FailedCount} failed, {UpToDateCount} already up to date")]
    public static partial void TenantMigrationsFinished(ILogger logger, int succeededCount, int failedCount, int upToDateCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Tenant {TenantSlug} failed to migrate: {Error}")]
    public static partial void TenantMigrationFailed(ILogger logger, string tenantSlug, string error);
}
