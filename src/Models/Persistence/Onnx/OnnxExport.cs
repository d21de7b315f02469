using System.Globalization;
using System.Reflection;
using System.Text.Json;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.Models.Internal;

namespace OptSuite.Models.Persistence.Onnx;

/// <summary>
/// A fitted linear model as an ONNX file: input "features" [N, p]; "scores" = features·W + b computed by MatMul and Add;
/// then, by model, "prediction" (regressors: the scores, or Exp of them for the log link; [N] for one output, [N, k] for
/// the multi-task lasso) or "label" [N] (classifiers: the class whose score is largest, or for one score column the
/// larger class when the score is &gt; 0), "probabilities" [N, k] (logistic regression: Sigmoid, Softmax) and "scores".
/// </summary>
/// <remarks>
/// <para><b>Why standard operators, not ai.onnx.ml's LinearClassifier / LinearRegressor.</b> Those two hold their
/// coefficients and intercepts in <c>floats</c> attributes — float32 by the ONNX specification (AttributeProto.floats
/// is <c>repeated float</c>) — and LinearClassifier's scores are tensor(float) whatever its input type; OnnxRuntime runs
/// them on double input but multiplies by the float32 coefficients. A float64 export through them could not reproduce
/// the fitted model beyond 7 digits. MatMul, Add, Exp, Sigmoid, Neg, Concat, Softmax, ArgMax, Greater, Cast, Reshape and
/// Gather of the default domain take float and double alike (their type constraints in docs/Operators.md), OnnxRuntime's
/// CPU provider has kernels for both, and the weights are initializers of the input's own type: the float64 export is
/// the model as fitted, the float32 one the model rounded once. The graph is also what the estimator computes, step for
/// step (Predict, DecisionFunction, PredictProbability, PredictIndices), which the tests check on real data.</para>
/// <para><b>Versions.</b> IR version 7 and ai.onnx opset 13 (ONNX 1.8, 2020): every operator above has its current
/// meaning there — Softmax-13 normalises along one axis, ArgMax (≥ 12) returns the first maximum, as
/// <see cref="LinearClassifier.PredictIndices"/> does — and runtimes from ONNX 1.8 on (OnnxRuntime 1.6 and later, so
/// ML.NET's) read it. No ai.onnx.ml operator is used, so the domain is not imported.</para>
/// <para><b>Labels.</b> The classes are a constant tensor and the label is Gather(classes, index): int64 when every
/// class is a whole number within int64's range (svmlight's labels), else the class names as strings (text classes, and
/// numbers such as 0.5 or 1e19, written in round-trip form as <see cref="ClassLabels.Names"/>). No ZipMap: a plain
/// [N, k] tensor of probabilities, in class order, is what ML.NET and most runtimes take.</para>
/// <para>Determinism: no clock, path or machine enters the file; the same coefficients, classes and options give the same
/// bytes (a saved and reloaded model exports the same file).</para>
/// </remarks>
internal static class OnnxExport
{
    /// <summary>The IR version written (ONNX 1.8's).</summary>
    public const long IrVersion = 7;

    /// <summary>The ai.onnx operator set imported.</summary>
    public const long OpsetVersion = 13;

    /// <summary>The version of the graph's interface (its inputs, outputs and their meaning), ModelProto.model_version.</summary>
    public const long GraphVersion = 1;

    /// <summary>The ONNX file of <paramref name="model"/>.</summary>
    public static byte[] ToBytes(LinearEstimator model, OnnxExportOptions? options) => Build(model, options ?? new OnnxExportOptions()).ToBytes();

    /// <summary>Writes the file atomically (<see cref="AtomicFile"/>); the model is serialised first, so a model that
    /// cannot be exported leaves any existing file as it was.</summary>
    public static void Save(LinearEstimator model, string path, OnnxExportOptions? options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes = ToBytes(model, options);
        AtomicFile.WriteAllBytes(path, bytes);
    }

    /// <summary>Writes the file to a caller's stream (flushed, not closed).</summary>
    public static void Write(LinearEstimator model, Stream stream, OnnxExportOptions? options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        byte[] bytes = ToBytes(model, options);
        stream.Write(bytes);
        stream.Flush();
    }

    /// <summary>The model's ONNX message.</summary>
    internal static ModelProto Build(LinearEstimator model, OnnxExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Precision))
            throw new ArgumentOutOfRangeException(nameof(options), options.Precision, "Precision must be Float32 or Float64.");
        double[] w = model.Coefficients;   // an unfitted model throws here
        double[] b = model.Intercepts;
        int p = model.FeatureCount, m = model.OutputCount;
        var real = options.Precision == OnnxPrecision.Float64 ? OnnxDataType.Double : OnnxDataType.Float;
        if (real == OnnxDataType.Float) RequireFloat32Range(w, b);

        var g = new OnnxGraphBuilder();
        // The multi-task lasso's scores are its output; a classifier's are output "scores"; a regressor's feed its link.
        string name = model switch { LinearClassifier => "scores", MultiTaskLasso => "prediction", _ => "linear" };
        string scores = g.Node("Add", name, [
            g.Node("MatMul", "xw", ["features", g.Constant(TensorProto.Real("coefficients", real, [p, m], w))]),
            g.Constant(TensorProto.Real("intercepts", real, [m], b))]);
        string summary = model switch
        {
            LinearClassifier c => Classifier(g, c, scores, real),
            LinearRegressor r => Regressor(g, r, scores, real),
            MultiTaskLasso => MultiTask(g, scores, m, real),
            CoxRegression => LinearPredictor(g, scores, real),
            _ => throw new NotSupportedException($"A {model.GetType().Name} has no ONNX export."),
        };

        var input = new ValueInfoProto
        {
            Name = "features",
            Type = new TypeProto { ElementType = real, Shape = ["N", p] },
            DocString = $"N rows of the {p} features, in the column order of the training data (svmlight index j is column " +
                $"{(model.FeatureIndexBase == SvmlightIndexBase.ZeroBased ? "j" : model.FeatureIndexBase == SvmlightIndexBase.OneBased ? "j − 1" : "j or j − 1, as the file was numbered")}).",
        };
        string precision = real == OnnxDataType.Float ? "float32" : "float64";
        var classifier = model as LinearClassifier;
        string classes = classifier is null ? "" : $"{classifier.Classes.Count} classes {Describe(classifier.Classes)}. ";
        string doc = $"OptSuite {model.ModelName}: {p} features, {precision}. {classes}Input features [N, {p}]; {summary}";
        var metadata = new List<StringStringEntryProto>
        {
            new("model", model.ModelName),
            new("features", p.ToString(CultureInfo.InvariantCulture)),
            new("outputs", m.ToString(CultureInfo.InvariantCulture)),
            new("precision", precision),
            new("feature_index_base", model.FeatureIndexBase switch
            {
                SvmlightIndexBase.ZeroBased => "0",
                SvmlightIndexBase.OneBased => "1",
                _ => "auto",
            }),
        };
        if (classifier is not null) metadata.Add(new("classes", JsonSerializer.Serialize(classifier.Classes.Names)));
        return new ModelProto
        {
            IrVersion = IrVersion,
            OpsetImports = [new OperatorSetIdProto("", OpsetVersion)],
            ProducerName = "OptSuite",
            ProducerVersion = ProducerVersion,
            Domain = "",
            ModelVersion = GraphVersion,
            DocString = doc,
            Graph = new GraphProto
            {
                Name = model.ModelName,
                Nodes = g.Nodes,
                Initializers = g.Initializers,
                Inputs = [input],
                Outputs = g.Outputs,
                DocString = doc,
            },
            MetadataProps = metadata,
        };
    }

    private static string Regressor(OnnxGraphBuilder g, LinearRegressor model, string scores, OnnxDataType real)
    {
        bool log = model.Link == LinkFunction.Log;
        string mean = log ? g.Node("Exp", "mean", [scores]) : scores;
        g.Node("Reshape", "prediction", [mean, Flat(g)]);
        string what = log ? "the predicted mean exp(x·w + b) (log link)" : "the prediction x·w + b";
        g.Output("prediction", real, ["N"], $"{what}, one per row");
        return $"output prediction [N], {what}.";
    }

    /// <summary>The Cox model's output: the linear predictor x·β (its Predict; the relative risk is its exponential).</summary>
    private static string LinearPredictor(OnnxGraphBuilder g, string scores, OnnxDataType real)
    {
        g.Node("Reshape", "prediction", [scores, Flat(g)]);
        const string what = "the linear predictor x·β (log relative risk)";
        g.Output("prediction", real, ["N"], $"{what}, one per row");
        return $"output prediction [N], {what}.";
    }

    private static string MultiTask(OnnxGraphBuilder g, string scores, int tasks, OnnxDataType real)
    {
        g.Output(scores, real, ["N", tasks], $"the {tasks} predictions x·W + b of each row, one column per task");
        return $"output prediction [N, {tasks}], one column per task.";
    }

    private static string Classifier(OnnxGraphBuilder g, LinearClassifier model, string scores, OnnxDataType real)
    {
        ClassLabels classes = model.Classes;
        int k = classes.Count, m = model.OutputCount;
        long[]? whole = WholeNumbers(classes);
        string table = g.Constant(whole is not null ? TensorProto.Int64("classes", [k], whole) : TensorProto.Strings("classes", classes.Names));
        string index;
        if (m == 1)
        {
            // One score column: the larger class when the score is > 0 (LinearClassifier.PredictIndices), so a score of
            // exactly 0 gives the smaller class, as the estimator does.
            string score = g.Node("Reshape", "score", [scores, Flat(g)]);
            string zero = g.Constant(TensorProto.Real("zero", real, [], [0.0]));
            string positive = g.Node("Greater", "positive", [score, zero]);
            index = g.Node("Cast", "class_index", [positive], [AttributeProto.Int("to", (long)OnnxDataType.Int64)]);
        }
        else index = g.Node("ArgMax", "class_index", [scores], [AttributeProto.Int("axis", 1), AttributeProto.Int("keepdims", 0)]);
        g.Node("Gather", "label", [table, index], [AttributeProto.Int("axis", 0)]);
        g.Output("label", whole is not null ? OnnxDataType.Int64 : OnnxDataType.String, ["N"],
            $"the predicted class of each row, one of {Describe(classes)}");

        string outputs = "label [N]";
        if (model.HasProbabilities)
        {
            if (m == 1)
            {
                // [1 − σ(z), σ(z)], the first as σ(−z): accurate where σ(z) is near 1.
                string upper = g.Node("Sigmoid", "probability_positive", [scores]);
                string lower = g.Node("Sigmoid", "probability_negative", [g.Node("Neg", "negated_scores", [scores])]);
                g.Node("Concat", "probabilities", [lower, upper], [AttributeProto.Int("axis", 1)]);
            }
            else g.Node("Softmax", "probabilities", [scores], [AttributeProto.Int("axis", 1)]);
            g.Output("probabilities", real, ["N", k], "the probability of each class, columns in the order of the classes");
            outputs += $", probabilities [N, {k}]";
        }
        g.Output("scores", real, ["N", m], m == 1
            ? $"the decision value x·w + b: > 0 predicts {classes.Names[1]}, else {classes.Names[0]}"
            : "the decision values x·W + b, one column per class in the order of the classes; the label is the largest");
        outputs += $", scores [N, {m}]";
        return $"outputs {outputs}.";
    }

    /// <summary>The classes as int64, or null when one is not a whole number within int64's range (or they are text).</summary>
    private static long[]? WholeNumbers(ClassLabels classes)
    {
        if (!classes.IsNumeric) return null;
        var values = classes.Values;
        var result = new long[values.Count];
        for (int c = 0; c < result.Length; c++)
        {
            double v = values[c];
            // 2^63 is the first double beyond long.MaxValue; −2^63 is long.MinValue itself.
            if (v != Math.Floor(v) || v >= 9223372036854775808.0 || v < -9223372036854775808.0) return null;
            result[c] = (long)v;
        }
        return result;
    }

    private static string Describe(ClassLabels classes) =>
        $"({string.Join(", ", classes.Names.Take(10))}{(classes.Count > 10 ? ", …" : "")})";

    /// <summary>The shape [−1] for Reshape: [N, 1] to [N].</summary>
    private static string Flat(OnnxGraphBuilder g) =>
        g.Initializers.Any(t => t.Name == "flat") ? "flat" : g.Constant(TensorProto.Int64("flat", [1], [-1L]));

    /// <summary>A coefficient or intercept beyond float32's range would become ±∞ and every score NaN or ±∞.</summary>
    private static void RequireFloat32Range(double[] w, double[] b)
    {
        for (int i = 0; i < w.Length; i++)
            if (!float.IsFinite((float)w[i]))
                throw new NotSupportedException($"Coefficient {i} = {w[i].ToString("R", CultureInfo.InvariantCulture)} is beyond float32's range; export with Precision = Float64.");
        for (int c = 0; c < b.Length; c++)
            if (!float.IsFinite((float)b[c]))
                throw new NotSupportedException($"Intercept {c} = {b[c].ToString("R", CultureInfo.InvariantCulture)} is beyond float32's range; export with Precision = Float64.");
    }

    private static string ProducerVersion =>
        typeof(OnnxExport).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";
}
