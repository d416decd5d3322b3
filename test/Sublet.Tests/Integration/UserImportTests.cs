using System.Net;
using System.Text.Json;
using Sublet.Tests.Infrastructure;

namespace Sublet.Tests.Integration;

/// <summary><c>sublet users import</c>: users arrive with the hashes passlib and Django made, all or none.</summary>
public sealed class UserImportTests(ServerFixture server) : IClassFixture<ServerFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sublet-import-").FullName;

    [Fact]
    public async Task Imported_passlib_and_django_hashes_log_in_over_http()
    {
        await TestTenant.CreateAsync(server, "imported", ["existing"], TestContext.Current.CancellationToken);
        var vectors = Vectors();
        var file = await WriteAsync("users.csv", ["username,hash", .. vectors.Select(vector => $"{vector.User},{vector.Hash}")]);

        var result = await Tool.RunAsync(server.ConnectionString, ["users", "import", file, "--tenant", "imported"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"Imported {vectors.Count} users", result.Output, StringComparison.Ordinal);
        // Every vector has fewer rounds than the tool's 600,000, so each is stored wrapped up to them.
        Assert.Equal(vectors.Count, await CountStoredAsync("$sublet-pbkdf2-sha256-wrapped$%"));
        using var client = server.Client("imported.localhost");
        foreach (var (user, password, _) in vectors)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(user, password)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync(user, password + "x")).StatusCode);
        }

        // The first login replaced each with a plain hash at the server's rounds.
        Assert.Equal(vectors.Count, await CountStoredAsync("$pbkdf2-sha256$2000$%"));
    }

    private Task<long> CountStoredAsync(string pattern) =>
        Database.CountAsync(server.DataSource, "SELECT count(*) FROM imported.app_user WHERE username <> 'existing' AND password LIKE $1", pattern);

    [Theory]
    [InlineData("bcrypt,$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW", "Line 3: the hash of 'bcrypt' is not a supported format")]
    [InlineData("short,$pbkdf2-sha256$1000$c2FsdA$dG9vc2hvcnQ", "Line 3: the hash of 'short' is not a supported format")]
    [InlineData("huge,$pbkdf2-sha256$3000000$c2FsdA$zQfo.CGz8wX0V1m6mFSU8R7VmIUW0yR7Zn6lAfgZ4Zo", "Line 3: the hash of 'huge' demands 3,000,000 rounds, more than Sublet:Passwords:MaxIterations (2,400,000)")]
    [InlineData("three,pbkdf2_sha256$1$salt$x,y", "Line 3: expected 'username,hash', found 3 fields")]
    [InlineData(",pbkdf2_sha256$1$abcdefghijkl$UBZcMMRRWca7jZkJjTeH05wsjt86+sAJeSqkI2ji73Y=", "Line 3: the user name is empty")]
    [InlineData("first,pbkdf2_sha256$1$abcdefghijkl$UBZcMMRRWca7jZkJjTeH05wsjt86+sAJeSqkI2ji73Y=", "Line 3: user 'first' is already on line 2")]
    [InlineData("existing,pbkdf2_sha256$1$abcdefghijkl$UBZcMMRRWca7jZkJjTeH05wsjt86+sAJeSqkI2ji73Y=", "User 'existing' already exists in tenant all-or-none; nothing was imported")]
    public async Task A_bad_line_imports_nothing_and_is_named_in_one_line(string badLine, string message)
    {
        await EnsureTenantAsync("all-or-none");
        var file = await WriteAsync("bad.csv", ["username,hash", "first,pbkdf2_sha256$1$abcdefghijkl$UBZcMMRRWca7jZkJjTeH05wsjt86+sAJeSqkI2ji73Y=", badLine, "last,$pbkdf2-sha256$1$$zQfo.CGz8wX0V1m6mFSU8R7VmIUW0yR7Zn6lAfgZ4Zo"]);

        var result = await Tool.RunAsync(server.ConnectionString, ["users", "import", file, "--tenant", "all-or-none"]);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(message, line, StringComparison.Ordinal);
        Assert.Equal(0, await Database.CountAsync(server.DataSource, "SELECT count(*) FROM all_or_none.app_user WHERE username IN ('first', 'last')"));
    }

    [Fact]
    public async Task Update_replaces_an_existing_users_hash_and_ends_their_sessions()
    {
        await TestTenant.CreateAsync(server, "reimported", ["alice"], TestContext.Current.CancellationToken);
        using var alice = server.Client("reimported.localhost");
        Assert.Equal(HttpStatusCode.OK, (await alice.LoginAsync("alice")).StatusCode);
        using var fresh = server.Client("reimported.localhost");
        var file = await WriteAsync("update.csv", ["alice,pbkdf2_sha256$1000$de07fcb694ab$IUopJvMsaR15z/tLUnW1kAcLQi+VWdRIBDaW6qeF/dY=", "carol,$pbkdf2-sha256$1$$zQfo.CGz8wX0V1m6mFSU8R7VmIUW0yR7Zn6lAfgZ4Zo"]);

        var result = await Tool.RunAsync(server.ConnectionString, ["users", "import", file, "--tenant", "reimported", "--update"]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Imported 1 users into tenant reimported, updated 1.", result.Output, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, await Tool.WaitForStatusAsync(alice, "/data", HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.Unauthorized, (await fresh.LoginAsync("alice", "foo")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.LoginAsync("alice", "correct horse battery staple")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.LoginAsync("carol", "foo")).StatusCode);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static List<(string User, string Password, string Hash)> Vectors()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", "password-hashes.json")));
        var vectors = new List<(string, string, string)>();
        foreach (var format in new[] { "passlib_pbkdf2_sha256", "django_pbkdf2_sha256" })
        {
            var index = 0;
            foreach (var vector in document.RootElement.GetProperty(format).EnumerateArray())
            {
                vectors.Add(($"{format[..6]}{index++}", vector.GetProperty("password").GetString()!, vector.GetProperty("hash").GetString()!));
            }
        }

        return vectors;
    }

    private async Task EnsureTenantAsync(string slug)
    {
        if (await Database.CountAsync(server.DataSource, "SELECT count(*) FROM sublet.tenant WHERE slug = $1", slug) == 0)
        {
            await TestTenant.CreateAsync(server, slug, ["existing"], TestContext.Current.CancellationToken);
        }
    }

    private async Task<string> WriteAsync(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllLinesAsync(path, lines, TestContext.Current.CancellationToken);
        return path;
    }
}
