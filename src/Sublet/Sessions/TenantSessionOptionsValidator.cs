using Microsoft.Extensions.Options;

namespace Sublet.Sessions;

/// <summary>Refuses lifetimes that would make every session end at once or never.</summary>
internal sealed class TenantSessionOptionsValidator : IValidateOptions<TenantSessionOptions>
{
    public ValidateOptionsResult Validate(string? name, TenantSessionOptions options)
    {
        var failures = new List<string>();
        if (options.IdleTimeout < TimeSpan.FromMinutes(1))
        {
            failures.Add($"{TenantSessionOptions.SectionName}:IdleTimeout must be at least one minute.");
        }

        if (options.AbsoluteTimeout < options.IdleTimeout)
        {
            failures.Add($"{TenantSessionOptions.SectionName}:AbsoluteTimeout must be at least IdleTimeout.");
        }

        if (options.CleanupInterval < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{TenantSessionOptions.SectionName}:CleanupInterval must be at least one second.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
