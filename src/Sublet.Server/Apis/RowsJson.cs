using System.Buffers;
using System.Text.Json;
using Npgsql;

namespace Sublet.Server.Apis;

/// <summary>Writes query rows as <c>{"&lt;name&gt;": [{column: value, ...}, ...]}</c>, keys sorted as Flask's jsonify does.</summary>
internal static class RowsJson
{
    public static async Task<ReadOnlyMemory<byte>> WriteAsync(NpgsqlDataReader reader, string propertyName, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, reader.FieldCount)
            .OrderBy(reader.GetName, StringComparer.Ordinal)
            .Select(ordinal => (Ordinal: ordinal, Name: JsonEncodedText.Encode(reader.GetName(ordinal))))
            .ToArray();
        var buffer = new ArrayBufferWriter<byte>(256);
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray(propertyName);
            while (await reader.ReadAsync(cancellationToken))
            {
                json.WriteStartObject();
                foreach (var (ordinal, name) in columns)
                {
                    json.WritePropertyName(name);
                    WriteValue(json, reader, ordinal);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static void WriteValue(Utf8JsonWriter json, NpgsqlDataReader reader, int ordinal)
    {
        if (reader.IsDBNull(ordinal))
        {
            json.WriteNullValue();
            return;
        }

        switch (reader.GetValue(ordinal))
        {
            case string text: json.WriteStringValue(text); break;
            case int number: json.WriteNumberValue(number); break;
            case long number: json.WriteNumberValue(number); break;
            case short number: json.WriteNumberValue(number); break;
            case decimal number: json.WriteNumberValue(number); break;
            case double number: json.WriteNumberValue(number); break;
            case float number: json.WriteNumberValue(number); break;
            case bool flag: json.WriteBooleanValue(flag); break;
            case DateTime time: json.WriteStringValue(time); break;
            case Guid id: json.WriteStringValue(id); break;
            case var other: json.WriteStringValue(Convert.ToString(other, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
