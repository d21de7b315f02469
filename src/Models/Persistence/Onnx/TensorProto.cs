using System.Buffers.Binary;

namespace OptSuite.Models.Persistence.Onnx;

/// <summary>
/// onnx.proto3's <c>TensorProto</c>, as an initializer: numbers in <c>raw_data</c> (little-endian, row-major, as the
/// IR specification requires whatever the machine), strings in <c>string_data</c> (raw_data cannot hold them).
/// </summary>
internal sealed record TensorProto : IProtoMessage
{
    public required string Name { get; init; }
    public required OnnxDataType DataType { get; init; }
    public required long[] Dims { get; init; }
    public byte[] RawData { get; init; } = [];
    public IReadOnlyList<string> StringData { get; init; } = [];

    /// <summary>A float or double tensor of <paramref name="values"/>, rounded to float32 for <see cref="OnnxDataType.Float"/>.</summary>
    public static TensorProto Real(string name, OnnxDataType type, long[] dims, ReadOnlySpan<double> values)
    {
        byte[] raw;
        if (type == OnnxDataType.Double)
        {
            raw = new byte[values.Length * sizeof(double)];
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteDoubleLittleEndian(raw.AsSpan(i * sizeof(double)), values[i]);
        }
        else if (type == OnnxDataType.Float)
        {
            raw = new byte[values.Length * sizeof(float)];
            for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), (float)values[i]);
        }
        else throw new ArgumentOutOfRangeException(nameof(type), type, "A real tensor is float or double.");
        return new TensorProto { Name = name, DataType = type, Dims = dims, RawData = raw };
    }

    /// <summary>An int64 tensor.</summary>
    public static TensorProto Int64(string name, long[] dims, ReadOnlySpan<long> values)
    {
        var raw = new byte[values.Length * sizeof(long)];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        return new TensorProto { Name = name, DataType = OnnxDataType.Int64, Dims = dims, RawData = raw };
    }

    /// <summary>A one-dimensional string tensor.</summary>
    public static TensorProto Strings(string name, IReadOnlyList<string> values) =>
        new() { Name = name, DataType = OnnxDataType.String, Dims = [values.Count], StringData = values };

    public void WriteTo(ProtoWriter w)
    {
        w.PackedInt64(1, Dims);
        w.Int64(2, (long)DataType);
        w.Strings(6, StringData);
        w.String(8, Name);
        if (DataType != OnnxDataType.String) w.Bytes(9, RawData);
    }
}
