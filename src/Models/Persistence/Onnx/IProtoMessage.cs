namespace OptSuite.Models.Persistence.Onnx;

/// <summary>A protobuf message that writes its own fields (see <see cref="ProtoWriter"/>).</summary>
internal interface IProtoMessage
{
    /// <summary>Writes the message's fields, without a key or length of its own.</summary>
    void WriteTo(ProtoWriter writer);
}
