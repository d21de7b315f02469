using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace OptSuite.Tests.Support;

/// <summary>
/// One run of an ONNX file in OnnxRuntime's <see cref="InferenceSession"/> on the rows of a dense matrix, fed as the
/// file's input type (float32 or float64, the test rounding the doubles as a caller would): every output by name, real
/// ones widened to double, labels as int64 or strings, with each output's shape and the session's metadata.
/// </summary>
internal sealed class OnnxRun
{
    private OnnxRun() { }

    /// <summary>The element type of input "features".</summary>
    public TensorElementType InputType { get; private init; }

    /// <summary>The declared dimensions of input "features" (−1 for the symbolic batch size).</summary>
    public int[] InputDimensions { get; private init; } = [];

    /// <summary>The output names in the file's order.</summary>
    public IReadOnlyList<string> OutputNames { get; private init; } = [];

    /// <summary>The float or double outputs, widened to double, row-major.</summary>
    public Dictionary<string, double[]> Reals { get; } = [];

    /// <summary>The element type of each output.</summary>
    public Dictionary<string, TensorElementType> Types { get; } = [];

    /// <summary>The shape of each output as computed.</summary>
    public Dictionary<string, long[]> Shapes { get; } = [];

    /// <summary>The "label" output when it is int64.</summary>
    public long[]? IntegerLabels { get; private set; }

    /// <summary>The "label" output when it is a string tensor.</summary>
    public string[]? TextLabels { get; private set; }

    /// <summary>The model's metadata (producer, graph name, description, version, custom properties).</summary>
    public ModelMetadata Metadata { get; private init; } = null!;

    /// <summary>Runs <paramref name="model"/> on <paramref name="x"/>.</summary>
    public static OnnxRun Of(byte[] model, double[,] x)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
        using var session = new InferenceSession(model, options);
        var input = session.InputMetadata["features"];
        var run = new OnnxRun
        {
            InputType = input.ElementDataType,
            InputDimensions = input.Dimensions,
            OutputNames = session.OutputNames,
            Metadata = session.ModelMetadata,
        };
        int n = x.GetLength(0), p = x.GetLength(1);
        long[] shape = [n, p];
        using OrtValue value = run.InputType switch
        {
            TensorElementType.Float => OrtValue.CreateTensorValueFromMemory(Flatten(x, v => (float)v), shape),
            TensorElementType.Double => OrtValue.CreateTensorValueFromMemory(Flatten(x, v => v), shape),
            _ => throw new InvalidOperationException($"Input features is {run.InputType}."),
        };
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, ["features"], [value], session.OutputNames);
        for (int k = 0; k < results.Count; k++)
        {
            string name = session.OutputNames[k];
            var info = results[k].GetTensorTypeAndShape();
            run.Types[name] = info.ElementDataType;
            run.Shapes[name] = info.Shape;
            switch (info.ElementDataType)
            {
                case TensorElementType.Float:
                    run.Reals[name] = results[k].GetTensorDataAsSpan<float>().ToArray().Select(v => (double)v).ToArray();
                    break;
                case TensorElementType.Double:
                    run.Reals[name] = results[k].GetTensorDataAsSpan<double>().ToArray();
                    break;
                case TensorElementType.Int64:
                    run.IntegerLabels = results[k].GetTensorDataAsSpan<long>().ToArray();
                    break;
                case TensorElementType.String:
                    run.TextLabels = results[k].GetStringTensorAsArray();
                    break;
                default:
                    throw new InvalidOperationException($"Output {name} is {info.ElementDataType}.");
            }
        }
        return run;
    }

    private static T[] Flatten<T>(double[,] x, Func<double, T> convert)
    {
        int n = x.GetLength(0), p = x.GetLength(1);
        var flat = new T[n * p];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < p; j++) flat[i * p + j] = convert(x[i, j]);
        return flat;
    }
}
