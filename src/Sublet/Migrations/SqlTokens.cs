namespace Sublet.Migrations;

/// <summary>
/// Splits a PostgreSQL script into words and punctuation, skipping what can hide a keyword: comments (nested
/// <c>/* */</c> too), string constants (<c>'…'</c>, <c>E'…'</c> with backslash escapes), quoted identifiers and
/// dollar-quoted bodies.
/// </summary>
internal static class SqlTokens
{
    public static IReadOnlyList<SqlToken> Read(string sql)
    {
        var tokens = new List<SqlToken>();
        var line = 1;
        var position = 0;
        while (position < sql.Length)
        {
            var current = sql[position];
            var next = position + 1 < sql.Length ? sql[position + 1] : '\0';
            var start = position;
            var startLine = line;
            if (current == '-' && next == '-')
            {
                position = SkipTo(sql, position, "\n", ref line);
                continue;
            }

            if (current == '/' && next == '*')
            {
                position = SkipBlockComment(sql, position, ref line);
                continue;
            }

            if (char.IsWhiteSpace(current))
            {
                line += current == '\n' ? 1 : 0;
                position++;
                continue;
            }

            if (current == '\'')
            {
                var escapes = position > 0 && (sql[position - 1] is 'e' or 'E') && !IsWordPart(sql, position - 2);
                position = SkipQuoted(sql, position, '\'', escapes, ref line);
            }
            else if (current == '"')
            {
                position = SkipQuoted(sql, position, '"', backslashEscapes: false, ref line);
            }
            else if (current == '$' && DollarTag(sql, position) is { } tag)
            {
                position = SkipTo(sql, position + tag.Length, tag, ref line);
            }
            else if (char.IsLetter(current) || current == '_')
            {
                while (position < sql.Length && IsWordPart(sql, position))
                {
                    position++;
                }

                // E'…' is one string constant: the E is its prefix, not a word.
                if (position < sql.Length && sql[position] == '\'' && position - start == 1 && current is 'e' or 'E')
                {
                    continue;
                }

                tokens.Add(new SqlToken(sql[start..position], Semicolon: false, startLine));
                continue;
            }
            else
            {
                position++;
            }

            tokens.Add(new SqlToken(null, Semicolon: current == ';', startLine));
        }

        return tokens;
    }

    private static bool IsWordPart(string sql, int position) =>
        position >= 0 && position < sql.Length && (char.IsLetterOrDigit(sql[position]) || sql[position] is '_' or '$');

    /// <summary>The <c>$tag$</c> opening a dollar-quoted string at <paramref name="position"/>, if one does.</summary>
    private static string? DollarTag(string sql, int position)
    {
        if (IsWordPart(sql, position - 1))
        {
            return null;
        }

        var end = position + 1;
        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_'))
        {
            end++;
        }

        return end < sql.Length && sql[end] == '$' && !char.IsDigit(sql[position + 1]) ? sql[position..(end + 1)] : null;
    }

    /// <summary>The position after the next <paramref name="terminator"/> (or the end), counting lines on the way.</summary>
    private static int SkipTo(string sql, int position, string terminator, ref int line)
    {
        var found = sql.IndexOf(terminator, position, StringComparison.Ordinal);
        var end = found < 0 ? sql.Length : found + terminator.Length;
        line += sql.AsSpan(position, end - position).Count('\n');
        return end;
    }

    private static int SkipBlockComment(string sql, int position, ref int line)
    {
        var depth = 0;
        while (position < sql.Length)
        {
            if (sql[position] == '/' && position + 1 < sql.Length && sql[position + 1] == '*')
            {
                depth++;
                position += 2;
            }
            else if (sql[position] == '*' && position + 1 < sql.Length && sql[position + 1] == '/')
            {
                position += 2;
                if (--depth == 0)
                {
                    return position;
                }
            }
            else
            {
                line += sql[position] == '\n' ? 1 : 0;
                position++;
            }
        }

        return position;
    }

    private static int SkipQuoted(string sql, int position, char quote, bool backslashEscapes, ref int line)
    {
        position++;
        while (position < sql.Length)
        {
            var current = sql[position];
            line += current == '\n' ? 1 : 0;
            if (backslashEscapes && current == '\\')
            {
                line += position + 1 < sql.Length && sql[position + 1] == '\n' ? 1 : 0;
                position += 2;
                continue;
            }

            position++;
            if (current == quote)
            {
                if (position < sql.Length && sql[position] == quote)
                {
                    position++;
                    continue;
                }

                return position;
            }
        }

        return position;
    }
}
