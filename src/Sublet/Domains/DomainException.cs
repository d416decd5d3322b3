namespace Sublet.Domains;

/// <summary>A custom domain operation refused for a reason the caller can fix; nothing was changed.</summary>
public sealed class DomainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DomainException(DomainError error, string message)
        : base(message) => Error = error;

    /// <summary>Why the operation was refused.</summary>
    public DomainError Error { get; }
}
