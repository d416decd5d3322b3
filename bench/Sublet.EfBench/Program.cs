using Microsoft.EntityFrameworkCore;
using Sublet.EfBench;

// The demo's authenticated GET /data through EF Core (tracking off) instead of raw Npgsql: Sublet's login, tenant
// resolution and pools as in the demo, the same rows and JSON. bench/run drives it in the same run as the server
// and reports its rate as a multiple of the server's, the cost of EF Core on the request path.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSublet()
    .AddTenantMigrations(typeof(SeedDb).Assembly)
    .AddTenantSessions();
builder.Services.AddTenantDbContext<SeedDb>();

var app = builder.Build();
app.UseSublet();
app.UseAuthentication();
app.UseAuthorization();
app.MapSubletLogin();
app.MapGet("/data", async (SeedDb db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new DataReply(await db.CompanyData.AsNoTracking().ToListAsync(cancellationToken))))
    .RequireTenant()
    .RequireAuthorization();
await app.RunAsync();
