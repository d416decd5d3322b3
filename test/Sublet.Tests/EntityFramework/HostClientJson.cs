using System.Net;
using System.Net.Http.Json;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.EntityFramework;

/// <summary>JSON answers of the EF test app.</summary>
public static class HostClientJson
{
    /// <summary>GETs <paramref name="path"/>, which must answer 200, and reads its JSON body.</summary>
    public static Task<T> GetFromJsonAsync<T>(this HostClient client, string path) => client.SendForJsonAsync<T>(HttpMethod.Get, path);

    /// <summary>Sends <paramref name="method"/> to <paramref name="path"/>, which must answer 200, and reads its JSON body.</summary>
    public static async Task<T> SendForJsonAsync<T>(this HostClient client, HttpMethod method, string path)
    {
        var response = await client.SendAsync(method, path);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {path}: {(int)response.StatusCode} {body}");
        return (await response.Content.ReadFromJsonAsync<T>(TestContext.Current.CancellationToken))!;
    }
}
