using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Sublet.Users;

/// <summary>Accepts only plain lowercase identifiers, so a configured name can never carry SQL.</summary>
internal sealed partial class TenantUserOptionsValidator : IValidateOptions<TenantUserOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantUserOptions options)
    {
        var failures = new[]
            {
                (nameof(TenantUserOptions.Table), options.Table),
                (nameof(TenantUserOptions.UsernameColumn), options.UsernameColumn),
                (nameof(TenantUserOptions.PasswordColumn), options.PasswordColumn),
            }
            .Where(setting => setting.Item2 is null || !Identifier().IsMatch(setting.Item2))
            .Select(setting => $"{TenantUserOptions.SectionName}:{setting.Item1} '{setting.Item2}' is not a table or column name: use lowercase letters, digits and '_', starting with a letter or '_', at most 63 characters.")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Identifier();
}
