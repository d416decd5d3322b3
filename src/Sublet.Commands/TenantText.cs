using System.Globalization;
using Sublet.Core;

namespace Sublet.Commands;

/// <summary>Tenants as plain text: aligned columns that read well and cut well.</summary>
internal static class TenantText
{
    public static string Status(TenantStatus status) => status == TenantStatus.Active ? "active" : "suspended";

    public static async Task WriteTableAsync(TextWriter writer, IReadOnlyList<TenantInfo> tenants)
    {
        if (tenants.Count == 0)
        {
            await writer.WriteLineAsync("No tenants.");
            return;
        }

        var slugWidth = Math.Max(4, tenants.Max(tenant => tenant.Slug.Length));
        var schemaWidth = Math.Max(6, tenants.Max(tenant => tenant.SchemaName.Length));
        var shardWidth = Math.Max(5, tenants.Max(tenant => tenant.Shard.Length));
        await writer.WriteLineAsync($"{"SLUG".PadRight(slugWidth)}  {"SCHEMA".PadRight(schemaWidth)}  {"SHARD".PadRight(shardWidth)}  STATUS     VERSION  CREATED");
        foreach (var tenant in tenants)
        {
            await writer.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{tenant.Slug.PadRight(slugWidth)}  {tenant.SchemaName.PadRight(schemaWidth)}  {tenant.Shard.PadRight(shardWidth)}  {Status(tenant.Status),-9}  {tenant.MigrationVersion,7}  {tenant.CreatedAt:yyyy-MM-dd HH:mm:ss}Z"));
        }
    }

    public static async Task WriteDetailsAsync(TextWriter writer, TenantInfo tenant)
    {
        await writer.WriteLineAsync($"slug:              {tenant.Slug}");
        await writer.WriteLineAsync($"schema:            {tenant.SchemaName}");
        await writer.WriteLineAsync($"shard:             {tenant.Shard}");
        await writer.WriteLineAsync($"status:            {Status(tenant.Status)}");
        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"migration version: {tenant.MigrationVersion}"));
        await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"created:           {tenant.CreatedAt:yyyy-MM-dd HH:mm:ss}Z"));
    }
}
