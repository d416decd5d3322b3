using System.Diagnostics.CodeAnalysis;

namespace Sublet.Core;

/// <summary>
/// A tenant's subdomain: one DNS label of lowercase <c>a-z</c>, <c>0-9</c> and <c>-</c>, 1–63 characters,
/// neither starting nor ending with <c>-</c>. Holding one means the text has passed these rules.
/// </summary>
public readonly record struct TenantSlug
{
    /// <summary>The longest DNS label.</summary>
    public const int MaxLength = 63;

    private TenantSlug(string value) => Value = value;

    /// <summary>The rules in words, for a message that tells the user what to type.</summary>
    public static string Rule { get; } = $"1-{MaxLength} lowercase letters, digits or '-', not starting or ending with '-'";

    /// <summary>The slug text, always lowercase.</summary>
    public string Value { get; }

    /// <summary>Checks <paramref name="text"/> against the DNS label rules (case-sensitive: upper case is refused).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out TenantSlug slug)
    {
        slug = default;
        if (text is null || !IsValid(text))
        {
            return false;
        }

        slug = new TenantSlug(text);
        return true;
    }

    /// <summary>Parses <paramref name="text"/> or throws <see cref="ArgumentException"/> naming the rule it breaks.</summary>
    public static TenantSlug Parse(string text) =>
        TryParse(text, out var slug)
            ? slug
            : throw new ArgumentException(NotValidMessage(text), nameof(text));

    /// <summary>True when <paramref name="text"/> is a lowercase DNS label.</summary>
    public static bool IsValid(ReadOnlySpan<char> text)
    {
        if (text.Length is 0 or > MaxLength || text[0] == '-' || text[^1] == '-')
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The message for a slug that breaks the rules.</summary>
    internal static string NotValidMessage(string? text) => $"'{text}' is not a valid tenant slug: use {Rule}.";

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
