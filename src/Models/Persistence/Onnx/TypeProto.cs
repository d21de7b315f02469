namespace OptSuite.Models.Persistence.Onnx;

/// <summary>
/// onnx.proto3's <c>TypeProto</c> holding a <c>Tensor</c>: element type and shape, each dimension a size or a name
/// (a symbolic size such as the batch's "N").
/// </summary>
internal sealed record TypeProto : IProtoMessage
{
    public required OnnxDataType ElementType { get; init; }
    public required IReadOnlyList<Dim> Shape { get; init; }

    /// <summary>A dimension: a fixed size, or a name (<c>dim_param</c>) when the size is known only at run time.</summary>
    public readonly record struct Dim(long Size, string? Name)
    {
        public static implicit operator Dim(long size) => new(size, null);

        public static implicit operator Dim(string name) => new(0, name);
    }

    public void WriteTo(ProtoWriter w) => w.Message(1, new TensorType(this));

    /// <summary><c>TypeProto.Tensor</c>: elem_type = 1, shape = 2.</summary>
    private sealed class TensorType(TypeProto type) : IProtoMessage
    {
        public void WriteTo(ProtoWriter w)
        {
            w.Int64(1, (long)type.ElementType);
            w.Message(2, new ShapeProto(type.Shape));
        }
    }

    /// <summary><c>TensorShapeProto</c>: repeated Dimension dim = 1.</summary>
    private sealed class ShapeProto(IReadOnlyList<Dim> dims) : IProtoMessage
    {
        public void WriteTo(ProtoWriter w)
        {
            foreach (Dim d in dims) w.Message(1, new Dimension(d));
        }
    }

    /// <summary><c>TensorShapeProto.Dimension</c>: dim_value = 1 or dim_param = 2 (a oneof).</summary>
    private sealed class Dimension(Dim d) : IProtoMessage
    {
        public void WriteTo(ProtoWriter w)
        {
            if (d.Name is { } name) w.String(2, name);
            else w.Int64(1, d.Size);
        }
    }
}
