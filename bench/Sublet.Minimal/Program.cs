using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Npgsql;

// The yardstick for the tenancy tax: what a .NET developer writes for one tenant without Sublet. One
// NpgsqlDataSource, ASP.NET Core's cookie authentication, the same query and JSON as Sublet's /data. bench/run
// drives it in the same run as the server (setting ConnectionStrings:Sublet, as for the server) and reports
// Sublet's rate as a multiple of this one's.
var builder = WebApplication.CreateSlimBuilder(args);
var connectionString = new NpgsqlConnectionStringBuilder(builder.Configuration.GetConnectionString("Sublet"))
{
    SearchPath = builder.Configuration["Minimal:Schema"] ?? "t1",
}.ConnectionString;
builder.Services.AddSingleton(NpgsqlDataSource.Create(connectionString));
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(options => options.Events.OnRedirectToLogin = context =>
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    });
builder.Services.AddAuthorization();

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();

// Not measured, so no password hash is checked: the user must exist, and gets a cookie.
app.MapPost("/login", async (HttpContext context, NpgsqlDataSource dataSource) =>
{
    var form = await context.Request.ReadFormAsync(context.RequestAborted);
    await using var command = dataSource.CreateCommand("SELECT count(*) FROM app_user WHERE username = $1");
    command.Parameters.Add(new NpgsqlParameter { Value = form["uname"].ToString() });
    if ((long)(await command.ExecuteScalarAsync(context.RequestAborted))! == 0)
    {
        return Results.Unauthorized();
    }

    var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, form["uname"].ToString())], CookieAuthenticationDefaults.AuthenticationScheme));
    await context.SignInAsync(user);
    return Results.Ok(new { msg = "login successful" });
});

app.MapGet("/data", async (HttpContext context, NpgsqlDataSource dataSource) =>
{
    await using var command = dataSource.CreateCommand("SELECT * FROM company_data");
    await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
    using var body = new MemoryStream();
    await using (var json = new Utf8JsonWriter(body))
    {
        json.WriteStartObject();
        json.WriteStartArray("data");
        while (await reader.ReadAsync(context.RequestAborted))
        {
            json.WriteStartObject();
            json.WriteString("description", reader.GetString(1));
            json.WriteNumber("id", reader.GetInt32(0));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    return Results.Bytes(body.ToArray(), "application/json");
}).RequireAuthorization();

app.Run();
