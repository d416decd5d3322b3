using Microsoft.Extensions.Options;

namespace Sublet.Security;

/// <summary>Refuses limits that would lock everyone out or never reset.</summary>
internal sealed class LoginLimitOptionsValidator : IValidateOptions<LoginLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, LoginLimitOptions options)
    {
        var failures = new List<string>();
        if (options.PerUserPermitLimit < 1 || options.PerAddressPermitLimit < 1)
        {
            failures.Add($"{LoginLimitOptions.SectionName}: permit limits must be at least 1.");
        }

        if (options.PerUserWindow <= TimeSpan.Zero || options.PerAddressWindow <= TimeSpan.Zero)
        {
            failures.Add($"{LoginLimitOptions.SectionName}: windows must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
