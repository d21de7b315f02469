namespace OptSuite.Models.Persistence.Onnx;

/// <summary>The element types of onnx.proto3's <c>TensorProto.DataType</c> that the export writes.</summary>
internal enum OnnxDataType
{
    Float = 1,
    Int64 = 7,
    String = 8,
    Bool = 9,
    Double = 11,
}
