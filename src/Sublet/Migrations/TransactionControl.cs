namespace Sublet.Migrations;

/// <summary>
/// Finds statements that start or end a transaction in a migration script. Sublet runs each migration (and a new
/// tenant's whole schema) in one transaction of its own; a <c>COMMIT</c> in a script would make it half-applied.
/// Only the first word of each top-level statement counts: strings, quoted identifiers, dollar-quoted bodies
/// (<c>DO $$ BEGIN … END $$</c>) and comments are skipped, and the <c>END</c> of a SQL-standard function body
/// (<c>BEGIN ATOMIC … END</c>) closes that body.
/// </summary>
internal static class TransactionControl
{
    /// <summary>The first transaction-control statement of <paramref name="sql"/>: its 1-based line and its keywords.</summary>
    public static (int Line, string Statement)? Find(string sql)
    {
        var tokens = SqlTokens.Read(sql);
        var atomicDepth = 0;
        var atStatementStart = true;
        string? previous = null;
        for (var index = 0; index < tokens.Count; index++)
        {
            var token = tokens[index];
            if (token.Word is null)
            {
                atStatementStart = token.Semicolon;
                previous = null;
                continue;
            }

            var word = token.Word;
            if (atStatementStart)
            {
                atStatementStart = false;
                if (atomicDepth > 0 && word.Equals("END", StringComparison.OrdinalIgnoreCase))
                {
                    atomicDepth--;
                    previous = word;
                    continue;
                }

                if (atomicDepth == 0 && Refused(word, index + 1 < tokens.Count ? tokens[index + 1].Word : null) is { } statement)
                {
                    return (token.Line, statement);
                }
            }
            else if (word.Equals("ATOMIC", StringComparison.OrdinalIgnoreCase) && string.Equals(previous, "BEGIN", StringComparison.OrdinalIgnoreCase))
            {
                atomicDepth++;
                atStatementStart = true;
            }

            previous = word;
        }

        return null;
    }

    private static string? Refused(string word, string? next)
    {
        static bool Is(string? text, string keyword) => string.Equals(text, keyword, StringComparison.OrdinalIgnoreCase);

        if (Is(word, "BEGIN") || Is(word, "COMMIT") || Is(word, "END") || Is(word, "ABORT"))
        {
            return word.ToUpperInvariant();
        }

        if (Is(word, "START") && Is(next, "TRANSACTION"))
        {
            return "START TRANSACTION";
        }

        // ROLLBACK TO SAVEPOINT stays inside the transaction; a plain ROLLBACK ends it.
        if (Is(word, "ROLLBACK") && !Is(next, "TO"))
        {
            return "ROLLBACK";
        }

        return Is(word, "PREPARE") && Is(next, "TRANSACTION") ? "PREPARE TRANSACTION" : null;
    }
}
