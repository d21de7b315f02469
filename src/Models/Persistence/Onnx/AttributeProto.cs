namespace OptSuite.Models.Persistence.Onnx;

/// <summary>onnx.proto3's <c>AttributeProto</c>, in the one form the export uses: a named int64 (type INT = 2).</summary>
internal sealed record AttributeProto : IProtoMessage
{
    private const int IntType = 2;

    public required string Name { get; init; }
    public required long Value { get; init; }

    /// <summary>An int attribute.</summary>
    public static AttributeProto Int(string name, long value) => new() { Name = name, Value = value };

    public void WriteTo(ProtoWriter w)
    {
        w.String(1, Name);
        w.Int64(3, Value);
        w.Int64(20, IntType);
    }
}
