using Microsoft.Extensions.Options;
using Sublet.Embedded;
using Sublet.Core;

namespace Sublet.Sharding;

/// <summary>
/// Recreates one schema's definition, without rows, on another database: <c>pg_dump --schema-only</c> read back
/// with <c>psql</c> in one transaction, so a failure leaves nothing behind.
/// </summary>
internal sealed class SchemaDefinitionCopier(IOptions<SubletOptions> options)
{
    public async Task CopyAsync(string schemaName, string sourceConnectionString, string targetConnectionString, CancellationToken cancellationToken)
    {
        var binDirectory = PostgresBinaries.Locate(options.Value.Embedded.BinDirectory);
        var file = Path.Combine(Path.GetTempPath(), $"sublet-move-{Guid.NewGuid():N}.sql");
        try
        {
            var source = ClientConnection.For(sourceConnectionString);
            await RunAsync(
                Path.Combine(binDirectory, "pg_dump"),
                [.. source.Arguments, "--schema-only", "--no-owner", "--no-privileges", "--schema", SqlIdentifier.Quote(schemaName), "--file", file],
                source.Environment,
                cancellationToken);
            var target = ClientConnection.For(targetConnectionString);
            await RunAsync(
                Path.Combine(binDirectory, "psql"),
                [.. target.Arguments, "--quiet", "--no-psqlrc", "--single-transaction", "--set", "ON_ERROR_STOP=1", "--file", file],
                target.Environment,
                cancellationToken);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task RunAsync(string program, List<string> arguments, IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await ProcessRunner.RunAsync(program, arguments, asServiceUser: false, environment, cancellationToken);
        if (exitCode != 0)
        {
            var lastLine = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault()?.Trim() ?? "no output";
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed: {lastLine}");
        }
    }
}
