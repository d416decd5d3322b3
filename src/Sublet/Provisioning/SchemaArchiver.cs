using Microsoft.Extensions.Options;
using Sublet.Embedded;
using Sublet.Core;
using Sublet.Data;

namespace Sublet.Provisioning;

/// <summary>Writes one schema to a file with the machine's <c>pg_dump</c>, before a tenant is deleted.</summary>
internal sealed class SchemaArchiver(ShardDataSources shards, IOptions<EmbeddedPostgresOptions> options)
{
    public async Task DumpSchemaAsync(string schemaName, string shard, string path, CancellationToken cancellationToken = default)
    {
        string binDirectory;
        try
        {
            binDirectory = PostgresBinaries.Locate(options.Value.BinDirectory);
        }
        catch (EmbeddedPostgresException exception)
        {
            throw new TenantProvisioningException(TenantProvisioningError.ArchiveFailed, $"pg_dump was not found: {exception.Message}");
        }

        var client = ClientConnection.For(shards.ConnectionStringFor(shard));
        var fullPath = Path.GetFullPath(path);
        // A quoted pattern matches the name literally, whatever characters it holds.
        var failure = await client.RunAsync(binDirectory, "pg_dump", ["--schema", SqlIdentifier.Quote(schemaName), "--file", fullPath], cancellationToken);
        if (failure is { } lastLine)
        {
            throw new TenantProvisioningException(TenantProvisioningError.ArchiveFailed, $"pg_dump of schema '{schemaName}' to {fullPath} failed ({lastLine}); nothing was deleted.");
        }
    }
}
