namespace Sublet.Embedded;

/// <summary>The private PostgreSQL cluster Sublet starts when no connection string is configured.</summary>
public sealed class EmbeddedPostgresOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Sublet:Embedded";

    /// <summary>
    /// Where the cluster keeps its data and settings (relative paths from the content root). Unset, it is the
    /// user's data folder (<c>~/.local/share/sublet</c>), so the server and the <c>sublet</c> tool share one cluster
    /// wherever they are started from.
    /// </summary>
    public string? DataDirectory { get; set; }

    /// <summary>The folder used when <see cref="DataDirectory"/> is unset.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "sublet");

    /// <summary>The folder holding <c>initdb</c> and <c>pg_ctl</c>; found via <c>pg_config</c> when unset.</summary>
    public string? BinDirectory { get; set; }

    /// <summary>False trades crash safety for speed (no fsync): for throwaway test clusters only.</summary>
    public bool Durable { get; set; } = true;
}
