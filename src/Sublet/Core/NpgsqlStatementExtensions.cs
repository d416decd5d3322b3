using Npgsql;

namespace Sublet.Core;

/// <summary>A statement whose result nobody reads (DDL, SET LOCAL, replication commands), on a connection or a pool.</summary>
internal static class NpgsqlStatementExtensions
{
    public static Task ExecuteAsync(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken) =>
        ExecuteAsync(new NpgsqlCommand(sql, connection), cancellationToken);

    public static Task ExecuteAsync(this NpgsqlDataSource dataSource, string sql, CancellationToken cancellationToken) =>
        ExecuteAsync(dataSource.CreateCommand(sql), cancellationToken);

    private static async Task ExecuteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using (command)
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
