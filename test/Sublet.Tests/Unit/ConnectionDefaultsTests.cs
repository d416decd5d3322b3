using Npgsql;
using Sublet.Core;

namespace Sublet.Tests.Unit;

public sealed class ConnectionDefaultsTests
{
    [Fact]
    public void Timeouts_are_added_when_the_connection_string_has_none()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply("Host=db;Database=app;Username=u;Password=p"));
        Assert.Equal(ConnectionDefaults.TimeoutSeconds, builder.Timeout);
        Assert.Equal(ConnectionDefaults.CommandTimeoutSeconds, builder.CommandTimeout);
        Assert.Equal("db", builder.Host);
        Assert.Equal("p", builder.Password);
    }

    [Theory]
    [InlineData("Host=db;Timeout=40;Command Timeout=90")]
    [InlineData("Host=db;timeout=40;commandtimeout=90")]
    public void Timeouts_the_connection_string_sets_are_kept(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionDefaults.Apply(connectionString));
        Assert.Equal(40, builder.Timeout);
        Assert.Equal(90, builder.CommandTimeout);
    }
}
