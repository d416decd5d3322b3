using System.Text;
using System.Text.Encodings.Web;

namespace Sublet.Server.Web;

/// <summary>
/// An HTML page embedded in the app, with <c>{{name}}</c> slots for HTML-encoded values and
/// <c>{{asset:file}}</c> slots for versioned <c>/static/</c> URLs.
/// </summary>
internal sealed class PageTemplate
{
    private const string AssetPrefix = "asset:";

    private readonly string _text;

    private PageTemplate(string text) => _text = text;

    /// <summary>Loads the embedded resource <c>sublet/pages/&lt;name&gt;</c>.</summary>
    public static PageTemplate Load(string name)
    {
        var resource = $"sublet/pages/{name}";
        using var stream = typeof(PageTemplate).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The page template {resource} is not embedded in the app.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return new PageTemplate(reader.ReadToEnd());
    }

    /// <summary>Fills every slot; a slot without a value is a bug in the app, so it throws.</summary>
    public string Render(StaticAssets assets, IReadOnlyDictionary<string, string> values)
    {
        var html = new StringBuilder(_text.Length + 256);
        var position = 0;
        while (true)
        {
            var start = _text.IndexOf("{{", position, StringComparison.Ordinal);
            if (start < 0)
            {
                break;
            }

            var end = _text.IndexOf("}}", start + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            html.Append(_text, position, start - position);
            var slot = _text[(start + 2)..end].Trim();
            var value = slot.StartsWith(AssetPrefix, StringComparison.Ordinal)
                ? assets.Url(slot[AssetPrefix.Length..])
                : values.TryGetValue(slot, out var found) ? found : throw new KeyNotFoundException($"The page has a slot {{{{{slot}}}}} with no value.");
            // Every value is encoded, the tenant name and the Host header included: nothing reaches the page raw.
            html.Append(HtmlEncoder.Default.Encode(value));
            position = end + 2;
        }

        html.Append(_text, position, _text.Length - position);
        return html.ToString();
    }
}
