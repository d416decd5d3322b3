namespace Sublet.EfBench;

/// <summary>A row of the seed's <c>company_data</c>; properties in the order of the demo's JSON keys (sorted).</summary>
public sealed class CompanyRow
{
    public string Description { get; set; } = "";

    public int Id { get; set; }
}
