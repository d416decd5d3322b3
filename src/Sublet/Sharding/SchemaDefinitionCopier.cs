using Microsoft.Extensions.Options;
using Sublet.Embedded;
using Sublet.Core;

namespace Sublet.Sharding;

/// <summary>
/// Recreates one schema's definition, without rows, on another database: <c>pg_dump --schema-only</c> read back
/// with <c>psql</c> in one transaction, so a failure leaves nothing behind.
/// </summary>
internal sealed class SchemaDefinitionCopier(IOptions<EmbeddedPostgresOptions> options)
{
    public async Task CopyAsync(string schemaName, string sourceConnectionString, string targetConnectionString, CancellationToken cancellationToken)
    {
        var binDirectory = PostgresBinaries.Locate(options.Value.BinDirectory);
        var file = Path.Combine(Path.GetTempPath(), $"sublet-move-{Guid.NewGuid():N}.sql");
        try
        {
            await RunAsync(
                binDirectory,
                "pg_dump",
                ClientConnection.For(sourceConnectionString),
                ["--schema-only", "--no-owner", "--no-privileges", "--schema", SqlIdentifier.Quote(schemaName), "--file", file],
                cancellationToken);
            await RunAsync(
                binDirectory,
                "psql",
                ClientConnection.For(targetConnectionString),
                ["--quiet", "--no-psqlrc", "--single-transaction", "--set", "ON_ERROR_STOP=1", "--file", file],
                cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task RunAsync(
        string binDirectory, string program, ClientConnection client, string[] arguments, CancellationToken cancellationToken)
    {
        if (await client.RunAsync(binDirectory, program, arguments, cancellationToken) is { } lastLine)
        {
            throw new InvalidOperationException($"{program} failed: {lastLine}");
        }
    }
}
