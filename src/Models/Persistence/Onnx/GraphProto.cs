namespace OptSuite.Models.Persistence.Onnx;

/// <summary>onnx.proto3's <c>GraphProto</c>: nodes in topological order, initializers (the constants), inputs, outputs.</summary>
internal sealed record GraphProto : IProtoMessage
{
    public required string Name { get; init; }
    public required IReadOnlyList<NodeProto> Nodes { get; init; }
    public required IReadOnlyList<TensorProto> Initializers { get; init; }
    public required IReadOnlyList<ValueInfoProto> Inputs { get; init; }
    public required IReadOnlyList<ValueInfoProto> Outputs { get; init; }
    public string DocString { get; init; } = "";

    public void WriteTo(ProtoWriter w)
    {
        w.Messages(1, Nodes);
        w.String(2, Name);
        w.Messages(5, Initializers);
        if (DocString.Length > 0) w.String(10, DocString);
        w.Messages(11, Inputs);
        w.Messages(12, Outputs);
    }
}
