using Microsoft.Extensions.Options;
using Sublet.Core;

namespace Sublet.Provisioning;

/// <summary>Checks a proposed tenant slug: DNS label rules, then the configured reserved names.</summary>
internal sealed class SlugRules(IOptions<SubletOptions> options)
{
    public TenantSlug Validate(string slug)
    {
        if (!TenantSlug.TryParse(slug, out var tenantSlug))
        {
            throw new TenantProvisioningException(
                TenantProvisioningError.InvalidSlug,
                $"'{slug}' is not a valid tenant slug: use 1-{TenantSlug.MaxLength} lowercase letters, digits or '-', not starting or ending with '-'.");
        }

        if (options.Value.ReservedSubdomains.Contains(tenantSlug.Value))
        {
            throw new TenantProvisioningException(TenantProvisioningError.ReservedSlug, $"'{slug}' is a reserved subdomain.");
        }

        return tenantSlug;
    }
}
