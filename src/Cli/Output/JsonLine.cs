using System.Text.Json;

namespace OptSuite.Cli.Output;

/// <summary>Writes one JSON object on one line, keys in the given order; non-finite numbers become null.</summary>
internal static class JsonLine
{
    public static string Of(IEnumerable<KeyValuePair<string, object?>> fields)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            foreach (var (key, value) in fields) WriteValue(w, key, value);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteValue(Utf8JsonWriter w, string key, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(key); break;
            case bool b: w.WriteBoolean(key, b); break;
            case double d when !double.IsFinite(d): w.WriteNull(key); break;
            case double d: w.WriteNumber(key, d); break;
            case float f: w.WriteNumber(key, f); break;
            case int i: w.WriteNumber(key, i); break;
            case long l: w.WriteNumber(key, l); break;
            case string s: w.WriteString(key, s); break;
            case IEnumerable<KeyValuePair<string, object?>> nested:
                w.WriteStartObject(key);
                foreach (var (k, v) in nested) WriteValue(w, k, v);
                w.WriteEndObject();
                break;
            default: w.WriteString(key, value.ToString()); break;
        }
    }
}
