namespace Sublet.Embedded;

/// <summary>The embedded cluster could not be found, made or started; the message says what to do.</summary>
public sealed class EmbeddedPostgresException : Exception
{
    /// <summary>Creates the exception with a one-line message.</summary>
    public EmbeddedPostgresException(string message)
        : base(message)
    {
    }
}
