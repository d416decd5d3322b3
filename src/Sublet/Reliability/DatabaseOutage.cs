using System.Net.Sockets;
using Npgsql;

namespace Sublet.Reliability;

/// <summary>Tells a database that is away or overloaded (worth retrying shortly) from a bug in a query.</summary>
internal static class DatabaseOutage
{
    /// <summary>Classifies <paramref name="exception"/>, looking through its inner exceptions.</summary>
    public static DatabaseFailure Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return Classify(postgres.SqlState);
                case NpgsqlException { InnerException: IOException or SocketException }:
                    return DatabaseFailure.ConnectionLost;
                case NpgsqlException { IsTransient: true }:
                    // A timeout: the pool had no free connection in time, or a command ran too long.
                    return DatabaseFailure.Busy;
            }
        }

        return DatabaseFailure.None;
    }

    private static DatabaseFailure Classify(string sqlState) => sqlState switch
    {
        // Connection exceptions, and a server shutting down or not yet accepting connections: every pooled
        // connection is likely gone with it.
        _ when sqlState.StartsWith("08", StringComparison.Ordinal) => DatabaseFailure.ConnectionLost,
        PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow => DatabaseFailure.ConnectionLost,
        // Insufficient resources (too many connections, disk full) and statement_timeout.
        _ when sqlState.StartsWith("53", StringComparison.Ordinal) => DatabaseFailure.Busy,
        PostgresErrorCodes.QueryCanceled => DatabaseFailure.Busy,
        _ => DatabaseFailure.None,
    };
}
