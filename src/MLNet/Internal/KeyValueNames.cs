using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// The values behind a key-typed label (its KeyValues annotation: the class names as MapValueToKey saw them, text or
/// numbers), copied at fit time so the predicted-label column can carry them (MapKeyToValue turns predictions back into
/// the original labels) and so a saved model can restore them without the training data.
/// </summary>
internal abstract class KeyValueNames
{
    public abstract int Count { get; }

    public abstract PrimitiveDataViewType ItemType { get; }

    /// <summary>The item type's name in saved files: ML.NET's DataKind names (String, Single, Double, Int32, ...).</summary>
    public string TypeName => Names.First(kv => kv.Value == ItemType.RawType).Key;

    /// <summary>Adds the values as a vector annotation named <paramref name="kind"/>.</summary>
    public abstract void AddTo(DataViewSchema.Annotations.Builder builder, string kind);

    /// <summary>The values as invariant round-trip text.</summary>
    public abstract string[] ToStrings();

    /// <summary>The KeyValues annotation of <paramref name="label"/>, or null when it has none (a key made without values).</summary>
    public static KeyValueNames? Of(DataViewSchema.Column label)
    {
        if (label.Annotations.Schema.GetColumnOrNull(ScoreAnnotations.KeyValues) is not { Type: VectorDataViewType { ItemType: PrimitiveDataViewType item } }) return null;
        Type t = item.RawType;
        if (t == typeof(ReadOnlyMemory<char>)) return Read<ReadOnlyMemory<char>>(label, item, v => v.ToString());
        if (t == typeof(float)) return Read<float>(label, item, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (t == typeof(double)) return Read<double>(label, item, v => v.ToString("R", CultureInfo.InvariantCulture));
        if (t == typeof(bool)) return Read<bool>(label, item, v => v ? "true" : "false");
        if (t == typeof(int)) return Read<int>(label, item, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(long)) return Read<long>(label, item, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(uint)) return Read<uint>(label, item, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(ulong)) return Read<ulong>(label, item, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(short)) return Read<short>(label, item, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(ushort)) return Read<ushort>(label, item, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(byte)) return Read<byte>(label, item, v => v.ToString(CultureInfo.InvariantCulture));
        if (t == typeof(sbyte)) return Read<sbyte>(label, item, v => v.ToString(CultureInfo.InvariantCulture));
        // Key values of another type (dates, say) are not carried: the predicted label is then a key without values.
        return null;
    }

    /// <summary>Rebuilds saved values (<see cref="TypeName"/>, <see cref="ToStrings"/>).</summary>
    public static KeyValueNames Parse(string typeName, IReadOnlyList<string> values)
    {
        if (!Names.TryGetValue(typeName, out Type? t)) throw new InvalidDataException($"Unknown key value type '{typeName}'.");
        return t switch
        {
            _ when t == typeof(ReadOnlyMemory<char>) => Make(TextDataViewType.Instance, values, s => s.AsMemory(), v => v.ToString()),
            _ when t == typeof(float) => Make(NumberDataViewType.Single, values, s => float.Parse(s, CultureInfo.InvariantCulture), v => v.ToString("R", CultureInfo.InvariantCulture)),
            _ when t == typeof(double) => Make(NumberDataViewType.Double, values, s => double.Parse(s, CultureInfo.InvariantCulture), v => v.ToString("R", CultureInfo.InvariantCulture)),
            _ when t == typeof(bool) => Make(BooleanDataViewType.Instance, values, bool.Parse, v => v ? "true" : "false"),
            _ when t == typeof(int) => Make(NumberDataViewType.Int32, values, s => int.Parse(s, CultureInfo.InvariantCulture), v => v.ToString(CultureInfo.InvariantCulture)),
            _ when t == typeof(long) => Make(NumberDataViewType.Int64, values, s => long.Parse(s, CultureInfo.InvariantCulture), v => v.ToString(CultureInfo.InvariantCulture)),
            _ when t == typeof(uint) => Make(NumberDataViewType.UInt32, values, s => uint.Parse(s, CultureInfo.InvariantCulture), v => v.ToString(CultureInfo.InvariantCulture)),
            _ when t == typeof(ulong) => Make(NumberDataViewType.UInt64, values, s => ulong.Parse(s, CultureInfo.InvariantCulture), v => v.ToString(CultureInfo.InvariantCulture)),
            _ when t == typeof(short) => Make(NumberDataViewType.Int16, values, s => short.Parse(s, CultureInfo.InvariantCulture), v => v.ToString(CultureInfo.InvariantCulture)),
            _ when t == typeof(ushort) => Make(NumberDataViewType.UInt16, values, s => ushort.Parse(s, CultureInfo.InvariantCulture), v => v.ToString(CultureInfo.InvariantCulture)),
            _ when t == typeof(byte) => Make(NumberDataViewType.Byte, values, s => byte.Parse(s, CultureInfo.InvariantCulture), v => v.ToString(CultureInfo.InvariantCulture)),
            _ => Make(NumberDataViewType.SByte, values, s => sbyte.Parse(s, CultureInfo.InvariantCulture), v => v.ToString(CultureInfo.InvariantCulture)),
        };
    }

    private static readonly Dictionary<string, Type> Names = new(StringComparer.Ordinal)
    {
        ["String"] = typeof(ReadOnlyMemory<char>), ["Single"] = typeof(float), ["Double"] = typeof(double), ["Boolean"] = typeof(bool),
        ["Int32"] = typeof(int), ["Int64"] = typeof(long), ["UInt32"] = typeof(uint), ["UInt64"] = typeof(ulong),
        ["Int16"] = typeof(short), ["UInt16"] = typeof(ushort), ["Byte"] = typeof(byte), ["SByte"] = typeof(sbyte),
    };

    private static Values<T> Read<T>(DataViewSchema.Column label, PrimitiveDataViewType item, Func<T, string> format)
    {
        VBuffer<T> buffer = default;
        label.Annotations.GetValue(ScoreAnnotations.KeyValues, ref buffer);
        var dense = new T[buffer.Length];
        buffer.CopyTo(dense);
        return new Values<T>(item, dense, format);
    }

    private static Values<T> Make<T>(PrimitiveDataViewType item, IReadOnlyList<string> values, Func<string, T> parse, Func<T, string> format)
    {
        try
        {
            return new Values<T>(item, values.Select(parse).ToArray(), format);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"A key value is not a {item}: {e.Message}", e);
        }
    }

    private sealed class Values<T>(PrimitiveDataViewType item, T[] values, Func<T, string> format) : KeyValueNames
    {
        public override int Count => values.Length;

        public override PrimitiveDataViewType ItemType => item;

        public override void AddTo(DataViewSchema.Annotations.Builder builder, string kind) =>
            builder.Add(kind, new VectorDataViewType(item, values.Length),
                (ref VBuffer<T> dst) => dst = new VBuffer<T>(values.Length, (T[])values.Clone()));

        public override string[] ToStrings() => values.Select(format).ToArray();
    }
}
