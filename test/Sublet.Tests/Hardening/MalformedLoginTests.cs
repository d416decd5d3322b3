using System.Net;
using System.Text;

namespace Sublet.Tests.Hardening;

/// <summary>
/// A malformed login is the client's fault: 400, 413 or 415 problem+json, at most one log line, and no database
/// round trip for a username no user can have.
/// </summary>
public sealed class MalformedLoginTests(LogCaptureServerFixture server) : IClassFixture<LogCaptureServerFixture>
{
    public static TheoryData<string, string, string, int> Bodies() => new()
    {
        { "a NUL in the username", "application/x-www-form-urlencoded", "uname=user_1%00&passwd=foo", 400 },
        { "an unpaired surrogate in the username", "application/json", "{\"username\":\"user_\\ud800\",\"password\":\"foo\"}", 400 },
        { "a form value over 4,096 characters", "application/x-www-form-urlencoded", "uname=user_1&passwd=" + new string('x', 5000), 400 },
        { "more than 1,024 form fields", "application/x-www-form-urlencoded", string.Concat(Enumerable.Repeat("a=1&", 1100)) + "uname=user_1&passwd=foo", 400 },
        { "a form key over 2,048 characters", "application/x-www-form-urlencoded", new string('k', 3000) + "=1&uname=user_1&passwd=foo", 400 },
        { "multipart without a boundary", "multipart/form-data", "uname=user_1", 400 },
        { "multipart that ends early", "multipart/form-data; boundary=x", "--x\r\nbroken", 400 },
        { "JSON in an unknown charset", "application/json; charset=bogus", "{\"username\":\"user_1\",\"password\":\"foo\"}", 415 },
        { "a body over the login's limit", "application/x-www-form-urlencoded", "uname=user_1&passwd=" + new string('x', 20_000), 413 },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_malformed_login_is_a_client_error_with_problem_details_and_at_most_one_log_line(string what, string contentType, string body, int status)
    {
        using var company1 = server.Client("company1.localhost");
        var logged = server.Log.Entries.Count;
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await company1.SendAsync(HttpMethod.Post, "/login", content);

        Assert.True((int)response.StatusCode == status, $"{what}: {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        var newLines = server.Log.Entries.Skip(logged).ToList();
        Assert.True(newLines.Count <= 1, $"{what} logged {newLines.Count} lines: {string.Join('\n', newLines)}");
    }

    [Fact]
    public async Task A_username_with_a_nul_is_refused_before_any_database_query()
    {
        using var company1 = server.Client("company1.localhost");

        // JSON carries the NUL through (the form reader already refuses one); the endpoint must not query with it.
        var response = await company1.PostJsonAsync("/login", new { username = "user_1\0", password = "foo" });

        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, text);
        Assert.True(text.Contains("Malformed username", StringComparison.Ordinal), text);
    }
}
