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
            throw new TenantProvisioningException(TenantProvisioningError.InvalidSlug, TenantSlug.NotValidMessage(slug));
        }

        // xn-- is a punycode label and "ab--" the shape IDNA reserves for such prefixes: a browser would show another
        // name than the slug, e.g. a look-alike of an existing tenant.
        var value = tenantSlug.Value;
        if (value.Length >= 4 && value[2] == '-' && value[3] == '-')
        {
            throw new TenantProvisioningException(
                TenantProvisioningError.InvalidSlug,
                $"'{slug}' is not a valid tenant slug: '-' in both the third and fourth places is reserved for internationalised names (xn--).");
        }

        if (options.Value.ReservedSubdomains.Contains(tenantSlug.Value))
        {
            throw new TenantProvisioningException(TenantProvisioningError.ReservedSlug, $"'{slug}' is a reserved subdomain.");
        }

        return tenantSlug;
    }
}
