namespace OptSuite.Models.Persistence.Onnx;

/// <summary>onnx.proto3's <c>NodeProto</c>: one operator call of the default domain (ai.onnx).</summary>
internal sealed record NodeProto : IProtoMessage
{
    public required string OpType { get; init; }
    public required string Name { get; init; }
    public required IReadOnlyList<string> Inputs { get; init; }
    public required IReadOnlyList<string> Outputs { get; init; }
    public IReadOnlyList<AttributeProto> Attributes { get; init; } = [];

    public void WriteTo(ProtoWriter w)
    {
        w.Strings(1, Inputs);
        w.Strings(2, Outputs);
        w.String(3, Name);
        w.String(4, OpType);
        w.Messages(5, Attributes);
    }
}
