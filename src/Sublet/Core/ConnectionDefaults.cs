using System.Data.Common;

namespace Sublet.Core;

/// <summary>
/// Bounds how long a request can wait on the database when the connection string does not say: a short
/// <c>Timeout</c> (connecting, and waiting for a pooled connection) so an outage or an exhausted pool turns
/// into a quick 503 rather than a hung request.
/// </summary>
internal static class ConnectionDefaults
{
    /// <summary>Seconds to open a connection or wait for a free one in the pool (Npgsql's own default is 15).</summary>
    public const int TimeoutSeconds = 5;

    /// <summary>Seconds a command may run (Npgsql's default, made explicit).</summary>
    public const int CommandTimeoutSeconds = 30;

    public static string Apply(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!builder.ContainsKey("Timeout"))
        {
            builder["Timeout"] = TimeoutSeconds;
        }

        if (!builder.ContainsKey("Command Timeout") && !builder.ContainsKey("CommandTimeout"))
        {
            builder["Command Timeout"] = CommandTimeoutSeconds;
        }

        return builder.ConnectionString;
    }
}
