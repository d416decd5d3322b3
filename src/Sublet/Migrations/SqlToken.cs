namespace Sublet.Migrations;

/// <summary>One token of a SQL script as <see cref="SqlTokens"/> reads it.</summary>
/// <param name="Word">An unquoted word (keyword or identifier), or <see langword="null"/> for anything else.</param>
/// <param name="Semicolon">Whether the token is a top-level <c>;</c>, which ends a statement.</param>
/// <param name="Line">The 1-based line the token starts on.</param>
internal readonly record struct SqlToken(string? Word, bool Semicolon, int Line);
