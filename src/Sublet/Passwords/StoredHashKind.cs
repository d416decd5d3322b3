namespace Sublet.Passwords;

/// <summary>Which format a stored hash came in: only a passlib hash at the configured rounds is left as it is.</summary>
internal enum StoredHashKind
{
    Passlib,
    Django,
    Wrapped,
}
