namespace Sublet.Commands;

/// <summary>A command refused for a reason the user can fix; the message is printed as one line and the exit code is 1.</summary>
public sealed class SubletCommandException : Exception
{
    /// <summary>A refusal with the line to print.</summary>
    public SubletCommandException(string message)
        : base(message)
    {
    }
}
