namespace OptSuite.Models;

/// <summary>The element type of an ONNX export's input, weights, arithmetic and real outputs.</summary>
public enum OnnxPrecision
{
    /// <summary>float32 (tensor(float)), what ML.NET and most runtimes feed. The default.</summary>
    Float32,

    /// <summary>float64 (tensor(double)): the coefficients exactly as fitted, predictions to the last digits.</summary>
    Float64,
}
