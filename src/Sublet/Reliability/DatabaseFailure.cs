namespace Sublet.Reliability;

/// <summary>How a database call failed, as far as the client's next step is concerned.</summary>
internal enum DatabaseFailure
{
    /// <summary>Not an availability problem: a bug, a constraint, bad SQL. Left to the app's error handling.</summary>
    None,

    /// <summary>The connection is gone or could not be made: 503, and the pool's idle connections are dropped.</summary>
    ConnectionLost,

    /// <summary>The database is there but had no capacity in time: 503.</summary>
    Busy,
}
