namespace Sublet.Passwords;

/// <summary>The outcome of checking a password against a stored hash.</summary>
public enum PasswordVerification
{
    /// <summary>Wrong password, or a hash in no known format.</summary>
    Failed,

    /// <summary>The password matches.</summary>
    Success,

    /// <summary>The password matches, but the hash is weaker than the current settings: store a new one.</summary>
    SuccessRehashNeeded,
}
