namespace OptSuite.Models.Persistence.Onnx;

/// <summary>onnx.proto3's <c>StringStringEntryProto</c>: one metadata key and value.</summary>
internal sealed record StringStringEntryProto(string Key, string Value) : IProtoMessage
{
    public void WriteTo(ProtoWriter w)
    {
        w.String(1, Key);
        w.String(2, Value);
    }
}
