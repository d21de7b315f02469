namespace OptSuite.Models.Persistence.Onnx;

/// <summary>onnx.proto3's <c>ValueInfoProto</c>: a graph input's or output's name, tensor type and documentation.</summary>
internal sealed record ValueInfoProto : IProtoMessage
{
    public required string Name { get; init; }
    public required TypeProto Type { get; init; }
    public string DocString { get; init; } = "";

    public void WriteTo(ProtoWriter w)
    {
        w.String(1, Name);
        w.Message(2, Type);
        if (DocString.Length > 0) w.String(3, DocString);
    }
}
