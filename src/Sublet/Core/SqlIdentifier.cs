namespace Sublet.Core;

/// <summary>Quotes PostgreSQL identifiers; the only way a schema name enters SQL text.</summary>
public static class SqlIdentifier
{
    /// <summary>Wraps <paramref name="name"/> in double quotes, doubling any quote inside it.</summary>
    public static string Quote(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException("An identifier cannot contain a NUL character.", nameof(name));
        }

        return "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
