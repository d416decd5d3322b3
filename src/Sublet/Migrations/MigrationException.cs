namespace Sublet.Migrations;

/// <summary>A migration set that cannot be applied as it stands: an edited file, a gap, a duplicate.</summary>
public sealed class MigrationException : Exception
{
    /// <summary>Creates the exception with a message naming the offending file.</summary>
    public MigrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the database error that stopped a migration.</summary>
    public MigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
