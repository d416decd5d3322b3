namespace Sublet.Bench;

/// <summary>
/// One server configuration to measure against the same database: <c>--variant Key=Value</c> passes a server
/// setting, <c>--variant npgsql:Keyword=Value</c> appends to its connection string, <c>--variant env:NAME=value</c>
/// sets an environment variable of the server process (e.g. a GC setting); several settings are
/// separated by <c>;</c> (<c>--variant "Sublet:Pool:Partitions=16;npgsql:Max Auto Prepare=20"</c>).
/// </summary>
internal sealed record BenchVariant(string Label, IReadOnlyList<string> ServerSettings, string Npgsql, IReadOnlyDictionary<string, string> Environment)
{
    public static readonly BenchVariant Default = new(string.Empty, [], string.Empty, new Dictionary<string, string>());

    public static BenchVariant Parse(string text)
    {
        var settings = new List<string>();
        var npgsql = string.Empty;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("npgsql:", StringComparison.Ordinal))
            {
                npgsql += ";" + part["npgsql:".Length..];
            }
            else if (part.StartsWith("env:", StringComparison.Ordinal) && part.IndexOf('=', StringComparison.Ordinal) is > 4 and var equals)
            {
                environment[part[4..equals]] = part[(equals + 1)..];
            }
            else if (part != "default")
            {
                settings.Add("--" + part);
            }
        }

        return new BenchVariant(text, settings, npgsql, environment);
    }
}
