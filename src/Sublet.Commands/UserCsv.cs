using Sublet.Passwords;

namespace Sublet.Commands;

/// <summary>
/// The <c>users import</c> file: one <c>username,hash</c> per line, an optional <c>username,hash</c> header, blank
/// lines ignored. Every line is checked before anything is written, and the first bad one is named by its number.
/// </summary>
internal static class UserCsv
{
    private const string Header = "username,hash";

    public static async Task<IReadOnlyList<(string Username, string Hash)>> ReadAsync(TextReader reader, ImportedPasswordHashes hashes, CancellationToken cancellationToken)
    {
        var rows = new List<(string, string)>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (line.Length == 0 || (number == 1 && line.Trim().Equals(Header, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            // Neither a user name nor a supported hash holds a comma, so no quoting is needed or accepted.
            var fields = line.Split(',');
            if (fields.Length != 2)
            {
                throw new SubletCommandException($"Line {number}: expected 'username,hash', found {fields.Length} fields.");
            }

            var (username, hash) = (fields[0], fields[1]);
            if (string.IsNullOrWhiteSpace(username) || username.Trim().Length != username.Length)
            {
                throw new SubletCommandException($"Line {number}: the user name is empty or has spaces around it.");
            }

            if (!hashes.TryCheck(hash, out var problem))
            {
                throw new SubletCommandException($"Line {number}: the hash of '{username}' {problem}.");
            }

            if (!lines.TryAdd(username, number))
            {
                throw new SubletCommandException($"Line {number}: user '{username}' is already on line {lines[username]}.");
            }

            rows.Add((username, hash));
        }

        return rows;
    }
}
