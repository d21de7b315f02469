namespace OptSuite.Models.Persistence.Onnx;

/// <summary>onnx.proto3's <c>ModelProto</c>: the file's top-level message.</summary>
internal sealed record ModelProto : IProtoMessage
{
    public required long IrVersion { get; init; }
    public required IReadOnlyList<OperatorSetIdProto> OpsetImports { get; init; }
    public required string ProducerName { get; init; }
    public required string ProducerVersion { get; init; }
    public required string Domain { get; init; }
    public required long ModelVersion { get; init; }
    public required string DocString { get; init; }
    public required GraphProto Graph { get; init; }
    public IReadOnlyList<StringStringEntryProto> MetadataProps { get; init; } = [];

    public void WriteTo(ProtoWriter w)
    {
        w.Int64(1, IrVersion);
        w.String(2, ProducerName);
        w.String(3, ProducerVersion);
        w.String(4, Domain);
        w.Int64(5, ModelVersion);
        w.String(6, DocString);
        w.Message(7, Graph);
        w.Messages(8, OpsetImports);
        w.Messages(14, MetadataProps);
    }

    /// <summary>The serialised message: the bytes of a .onnx file.</summary>
    public byte[] ToBytes()
    {
        var w = new ProtoWriter();
        WriteTo(w);
        return w.WrittenSpan.ToArray();
    }
}
