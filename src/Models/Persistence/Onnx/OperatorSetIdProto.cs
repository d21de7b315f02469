namespace OptSuite.Models.Persistence.Onnx;

/// <summary>onnx.proto3's <c>OperatorSetIdProto</c>: an operator set the model imports ("" is ai.onnx).</summary>
internal sealed record OperatorSetIdProto(string Domain, long Version) : IProtoMessage
{
    public void WriteTo(ProtoWriter w)
    {
        w.String(1, Domain);
        w.Int64(2, Version);
    }
}
