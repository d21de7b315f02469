using System.Text.Json;

namespace OptSuite.Models.Persistence;

/// <summary>Typed reads of the "options" object of a saved model, with errors naming the field and file.</summary>
internal sealed class ModelOptionsReader(JsonElement options, string path)
{
    private JsonElement Get(string name) =>
        options.TryGetProperty(name, out var v) ? v : throw new InvalidDataException($"{path}: options.{name} is missing.");

    public double Double(string name) => Get(name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble()
        : throw new InvalidDataException($"{path}: options.{name} must be a number.");

    public double? DoubleOrNull(string name) => !options.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number ? v.GetDouble() : throw new InvalidDataException($"{path}: options.{name} must be a number or null.");

    public int? IntOrNull(string name) => !options.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw new InvalidDataException($"{path}: options.{name} must be an integer or null.");

    public bool Bool(string name) => Get(name).ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidDataException($"{path}: options.{name} must be true or false."),
    };

    public bool? BoolOrNull(string name) => !options.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null : Bool(name);

    public string String(string name) => Get(name) is { ValueKind: JsonValueKind.String } v ? v.GetString()!
        : throw new InvalidDataException($"{path}: options.{name} must be a string.");

    public string? StringOrNull(string name) => !options.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? null
        : v.ValueKind == JsonValueKind.String ? v.GetString() : throw new InvalidDataException($"{path}: options.{name} must be a string or null.");

    public int[]? IntArrayOrNull(string name)
    {
        if (!options.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: options.{name} must be an array of integers or null.");
        return v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int i) ? i
            : throw new InvalidDataException($"{path}: options.{name} must hold integers.")).ToArray();
    }

    public double[]? DoubleArrayOrNull(string name)
    {
        if (!options.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Array) throw new InvalidDataException($"{path}: options.{name} must be an array of numbers or null.");
        return v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetDouble()
            : e.ValueKind == JsonValueKind.String && e.GetString() is "Infinity" or "-Infinity" ? (e.GetString() == "Infinity" ? double.PositiveInfinity : double.NegativeInfinity)
            : throw new InvalidDataException($"{path}: options.{name} must hold numbers (\"Infinity\" or \"-Infinity\" for no bound).")).ToArray();
    }
}
