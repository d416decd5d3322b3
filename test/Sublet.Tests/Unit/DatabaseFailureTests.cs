using System.Net.Sockets;
using Npgsql;
using Sublet.Reliability;

namespace Sublet.Tests.Unit;

public sealed class DatabaseFailureTests
{
    [Theory]
    [InlineData("57P01", nameof(DatabaseFailure.ConnectionLost))] // admin_shutdown: pg_terminate_backend, a restart
    [InlineData("57P03", nameof(DatabaseFailure.ConnectionLost))] // cannot_connect_now: starting up
    [InlineData("08006", nameof(DatabaseFailure.ConnectionLost))] // connection_failure
    [InlineData("53300", nameof(DatabaseFailure.Busy))] // too_many_connections
    [InlineData("57014", nameof(DatabaseFailure.Busy))] // query_canceled: statement_timeout
    [InlineData("42P01", nameof(DatabaseFailure.None))] // undefined_table: a bug, not an outage
    [InlineData("23505", nameof(DatabaseFailure.None))] // unique_violation
    [InlineData("28P01", nameof(DatabaseFailure.None))] // invalid_password: a configuration error
    public void Server_errors_are_classified_by_sqlstate(string sqlState, string expected) =>
        Assert.Equal(Enum.Parse<DatabaseFailure>(expected), DatabaseOutage.Classify(new PostgresException("message", "FATAL", "FATAL", sqlState)));

    [Fact]
    public void A_broken_connection_is_a_lost_connection() =>
        Assert.Equal(DatabaseFailure.ConnectionLost, DatabaseOutage.Classify(new NpgsqlException("Exception while reading from stream", new EndOfStreamException())));

    [Fact]
    public void A_refused_connection_is_a_lost_connection() =>
        Assert.Equal(DatabaseFailure.ConnectionLost, DatabaseOutage.Classify(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));

    [Fact]
    public void A_pool_timeout_is_busy() =>
        Assert.Equal(DatabaseFailure.Busy, DatabaseOutage.Classify(new NpgsqlException("The connection pool has been exhausted", new TimeoutException())));

    [Fact]
    public void A_wrapped_database_failure_is_found() =>
        Assert.Equal(DatabaseFailure.ConnectionLost, DatabaseOutage.Classify(new InvalidOperationException("outer", new NpgsqlException("inner", new IOException()))));

    [Fact]
    public void Other_exceptions_are_not_outages() =>
        Assert.Equal(DatabaseFailure.None, DatabaseOutage.Classify(new InvalidOperationException("a bug")));
}
