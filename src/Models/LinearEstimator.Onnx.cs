using OptSuite.Models.Persistence.Onnx;

namespace OptSuite.Models;

public abstract partial class LinearEstimator
{
    /// <summary>
    /// Exports the fitted model as an ONNX file (IR version 7, ai.onnx opset 13), written atomically as
    /// <see cref="Save(string)"/> writes: a temporary file renamed over <paramref name="path"/>.
    /// </summary>
    /// <remarks>
    /// <para>Input <c>features</c>: [N, p], float32 (the default) or float64 (<see cref="OnnxExportOptions.Precision"/>).
    /// Outputs by model: regressors <c>prediction</c> [N] (x·w + b, or exp(x·w + b) for Poisson and Gamma); the
    /// multi-task lasso <c>prediction</c> [N, k]; classifiers <c>label</c> [N] (int64 when every class is a whole
    /// number, else the class names as strings), <c>probabilities</c> [N, k] (logistic regression only, in class order)
    /// and <c>scores</c> [N, m] (the decision values: m = 1 for two classes, positive → the larger class).</para>
    /// <para>Metadata: producer "OptSuite", the graph named after <see cref="ModelName"/>, and the properties
    /// <c>model</c>, <c>features</c>, <c>outputs</c>, <c>precision</c>, <c>feature_index_base</c> and, for classifiers,
    /// <c>classes</c> (a JSON array of the class names). The same model and options always give the same bytes.</para>
    /// </remarks>
    /// <param name="path">The destination file.</param>
    /// <param name="options">The precision; null for float32.</param>
    /// <exception cref="InvalidOperationException">The model is not fitted.</exception>
    /// <exception cref="NotSupportedException">A float32 export of a coefficient beyond float32's range.</exception>
    public void ExportOnnx(string path, OnnxExportOptions? options = null) => OnnxExport.Save(this, path, options);

    /// <summary>Writes the fitted model's ONNX file to a stream (flushed, not closed); see
    /// <see cref="ExportOnnx(string, OnnxExportOptions?)"/> for the graph. Not atomic: use that overload for files.</summary>
    /// <param name="stream">The destination.</param>
    /// <param name="options">The precision; null for float32.</param>
    public void ExportOnnx(Stream stream, OnnxExportOptions? options = null) => OnnxExport.Write(this, stream, options);
}
