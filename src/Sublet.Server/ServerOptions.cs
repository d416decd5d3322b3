namespace Sublet.Server;

/// <summary>The server's own settings, in the <c>Sublet</c> section beside the library's.</summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Sublet";

    /// <summary>Load the demo tenants on first start; unset means "only on the embedded cluster".</summary>
    public bool? LoadDemo { get; set; }

    /// <summary>The one folder <c>/static/</c> serves on every host; defaults to the app's own <c>static</c>.</summary>
    public string? StaticFolder { get; set; }
}
