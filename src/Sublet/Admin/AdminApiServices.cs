using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Sublet.Admin;

/// <summary>Registers the admin API's settings, bearer scheme and policy.</summary>
internal static class AdminApiServices
{
    public static void Add(IServiceCollection services)
    {
        services.AddOptions<AdminApiOptions>()
            .BindConfiguration(AdminApiOptions.SectionName)
            .Validate(
                options => !options.Enabled || options.AdminToken!.Length >= AdminApiOptions.MinimumTokenLength,
                $"Sublet:AdminToken must be at least {AdminApiOptions.MinimumTokenLength} characters (e.g. openssl rand -base64 32).")
            .ValidateOnStart();
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, AdminTokenAuthenticationHandler>(AdminTokenAuthentication.Scheme, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminTokenAuthentication.Policy, policy => policy
                .AddAuthenticationSchemes(AdminTokenAuthentication.Scheme)
                .RequireAuthenticatedUser());
        // The same shape as the commands' --json: a status reads "suspended", not 1.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
    }
}
