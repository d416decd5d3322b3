namespace Sublet.Core;

/// <summary>How new password hashes are made.</summary>
public sealed class PasswordOptions
{
    /// <summary>The lowest round count accepted in configuration.</summary>
    public const int MinimumIterations = 1_000;

    /// <summary>PBKDF2-SHA256 rounds for new hashes; OWASP (2023) asks for at least 600,000.</summary>
    public int Iterations { get; set; } = 600_000;
}
