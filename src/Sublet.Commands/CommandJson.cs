using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sublet.Commands;

/// <summary>The <c>--json</c> output: camelCase names, enums as text, indented for people and parsers alike.</summary>
internal static class CommandJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static Task WriteAsync<T>(TextWriter writer, T value) => writer.WriteLineAsync(JsonSerializer.Serialize(value, Options));
}
