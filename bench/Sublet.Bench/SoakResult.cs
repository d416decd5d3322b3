namespace Sublet.Bench;

/// <summary>What one soak run counted, and the server's memory either side of it.</summary>
internal sealed record SoakResult(SoakTally Tally, double Seconds, double StartRssMb, double EndRssMb, IReadOnlyList<string> Events)
{
    public long Other5xx => Tally.ByStatus.Where(pair => pair.Key is >= 500 and not 503).Sum(pair => pair.Value);

    public bool Passed => Tally.Failures == 0 && Tally.WrongTenant == 0 && Other5xx == 0;
}
