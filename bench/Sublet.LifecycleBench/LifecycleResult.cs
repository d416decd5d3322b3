namespace Sublet.LifecycleBench;

/// <summary>One run's figures.</summary>
internal sealed record LifecycleResult(
    string PostgresVersion,
    string LoadAverage,
    IReadOnlyList<double> CreateMs,
    double BulkSetupSeconds,
    double NoOpBeforeSeconds,
    double MigrateSeconds,
    int Migrated,
    double NoOpAfterSeconds,
    CatalogStats Catalog,
    CatalogScale Scale)
{
    public double CreatePercentile(double fraction) => Percentile(CreateMs, fraction);

    public static double Percentile(IReadOnlyList<double> values, double fraction)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
