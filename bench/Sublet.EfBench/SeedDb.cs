using Microsoft.EntityFrameworkCore;

namespace Sublet.EfBench;

/// <summary>The seed's <c>company_data</c> through EF Core: one model, an unqualified table, every tenant's schema.</summary>
public sealed class SeedDb(DbContextOptions<SeedDb> options) : DbContext(options)
{
    public DbSet<CompanyRow> CompanyData => Set<CompanyRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<CompanyRow>(row =>
        {
            row.ToTable("company_data");
            row.Property(r => r.Id).HasColumnName("id");
            row.Property(r => r.Description).HasColumnName("description");
        });
    }
}
