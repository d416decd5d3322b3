using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sublet.Diagnostics;
using Sublet.Core;

namespace Sublet.Hosting;

/// <summary>
/// Answers requests whose host Sublet cannot serve before anything else runs: a malformed host (400), a host
/// outside the server name that is no tenant's active custom domain or an unknown tenant (404), a suspended tenant (403), also when the suspension (or
/// deletion) lands while the request signs in. With <c>Sublet:Domains:RedirectToPrimary</c>, a GET or HEAD on a
/// tenant's subdomain goes to its primary custom domain (308). Every other request goes on with its tenant resolved
/// and named in the log scope.
/// </summary>
internal sealed class SubletHostMiddleware(
    RequestDelegate next,
    SubletRequestResolver resolver,
    FixedSubdomains fixedSubdomains,
    IProblemDetailsService problemDetails,
    IOptions<SubletOptions> options,
    IOptions<DomainOptions> domainOptions,
    ILogger<SubletHostMiddleware> logger)
{
    private readonly bool _tagMetrics = options.Value.TenantMetricsTag;
    private readonly bool _redirectToPrimary = domainOptions.Value.RedirectToPrimary;

    public Task InvokeAsync(HttpContext context)
    {
        var request = resolver.Resolve(context);
        return request switch
        {
            { Kind: HostKind.Malformed } => RejectAsync(context, StatusCodes.Status400BadRequest, "Malformed Host header",
                "The Host header is not a valid host name."),
            { Kind: HostKind.Foreign } => RejectAsync(context, StatusCodes.Status404NotFound, "Unknown host",
                $"This server answers on {resolver.ServerName} and its subdomains."),
            { Tenant: { Status: TenantStatus.Suspended } } => RejectAsync(context, StatusCodes.Status403Forbidden, "Tenant suspended",
                "This workspace is suspended."),
            { Kind: HostKind.Subdomain, Tenant: { } tenant } when _redirectToPrimary && PrimaryLocation(context, tenant) is { } location =>
                RedirectAsync(context, location),
            { Tenant: { } tenant } => InvokeForTenantAsync(context, tenant),
            { Kind: HostKind.Subdomain, Subdomain: { } label } when !fixedSubdomains.Contains(label) =>
                RejectAsync(context, StatusCodes.Status404NotFound, "Unknown tenant", "No workspace has this address."),
            _ => next(context),
        };
    }

    private async Task InvokeForTenantAsync(HttpContext context, Tenant tenant)
    {
        // Per-tenant request durations and traces; the feature is there only while someone records metrics.
        if (_tagMetrics)
        {
            context.Features.Get<IHttpMetricsTagsFeature>()?.Tags.Add(new(SubletMetrics.TenantTag, tenant.Slug));
        }

        Activity.Current?.SetTag(SubletMetrics.TenantTag, tenant.Slug);
        using (Log.BeginTenantScope(logger, tenant.Slug))
        {
            try
            {
                await next(context);
            }
            catch (TenantNotActiveException) when (!context.Response.HasStarted)
            {
                // Suspended or deleted while this request signed in: no session was made.
                context.Response.Clear();
                await RejectAsync(context, StatusCodes.Status403Forbidden, "Tenant unavailable", "This workspace is suspended or no longer exists.");
            }
        }
    }

    /// <summary>Where a GET or HEAD on the tenant's subdomain goes when it has a primary domain; null for other methods.</summary>
    private string? PrimaryLocation(HttpContext context, Tenant tenant)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || resolver.PrimaryDomainOf(tenant) is not { } primary)
        {
            return null;
        }

        // Same port as the request came on: a deployment that shows a port shows it on every host.
        var port = request.Host.Port is { } number ? ":" + number.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty;
        return $"{request.Scheme}://{primary}{port}{request.PathBase}{request.Path}{request.QueryString}";
    }

    private static Task RedirectAsync(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    private async Task RejectAsync(HttpContext context, int status, string title, string detail) =>
        await ProblemResponse.WriteAsync(problemDetails, context, status, title, detail);
}
