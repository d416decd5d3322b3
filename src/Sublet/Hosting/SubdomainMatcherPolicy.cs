using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;

namespace Sublet.Hosting;

/// <summary>
/// Drops route candidates whose <see cref="SubdomainMetadata"/> does not fit the request's host, so one path
/// can mean different endpoints on the central host and on tenant hosts, and <c>/data</c> on the central
/// host is simply not found.
/// </summary>
internal sealed class SubdomainMatcherPolicy(SubletRequestResolver resolver) : MatcherPolicy, IEndpointSelectorPolicy
{
    // Before the HTTP method policy, so a host mismatch reads as 404 rather than 405.
    public override int Order => -1000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(endpoint => endpoint.Metadata.GetMetadata<SubdomainMetadata>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var request = resolver.Resolve(httpContext);
        for (var i = 0; i < candidates.Count; i++)
        {
            var metadata = candidates[i].Endpoint.Metadata.GetMetadata<SubdomainMetadata>();
            if (metadata is not null && !metadata.Matches(request))
            {
                candidates.SetValidity(i, false);
            }
        }

        return Task.CompletedTask;
    }
}
