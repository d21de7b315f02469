using System.Text.Json;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.Solvers;

namespace OptSuite.Models.Persistence;

/// <summary>
/// Saved models: one compact JSON object with <c>schema_version</c> (2), <c>format</c>, <c>model</c>, <c>options</c>,
/// <c>features</c>, <c>feature_index_base</c> (0, 1, or null when unknown), <c>outputs</c>, <c>coefficients</c>
/// (row-major p×m), <c>intercepts</c>, <c>classes</c> (null, or <c>{"kind": "numeric"|"text", "values": [...]}</c>) and
/// <c>fit</c> (the report, or null: solver, λ, objective, duality gap, iterations, stop reason, seconds, and — for a fit
/// certified by stationarity instead of a gap, a non-convex loss — <c>stationarity</c>, absent otherwise and in older files,
/// which load with none). Doubles are written in round-trip form, so a loaded model predicts exactly what the
/// saved one did.
/// </summary>
/// <remarks>
/// <para><c>coefficients</c> is an array of p·m numbers, or, when fewer than a quarter of them are non-zero (a lasso on
/// wide data), the sparse form <c>{"length": p·m, "indices": [...], "values": [...]}</c> with strictly increasing
/// row-major indices; both load.</para>
/// <para>Version 1 files (OptSuite before the index base was recorded: always dense, no <c>feature_index_base</c>) still
/// load, with <see cref="SvmlightIndexBase.Auto"/>: prediction data is then read with its index base detected from the
/// file, as version 1 always did. A file larger than <see cref="MaxFileBytes"/>, or whose first byte (after an optional
/// UTF-8 byte order mark and white space) is not '{', is rejected before more of it is read.</para>
/// </remarks>
internal static partial class ModelFile
{
    public const int SchemaVersion = 2;
    public const int OldestSchemaVersion = 1;
    public const string Format = "optsuite.linear-model";

    /// <summary>The largest model file read (1 GiB; a dense model of 40 million coefficients takes about as much).</summary>
    public const long MaxFileBytes = 1L << 30;

    private static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    public static void Save(LinearEstimator model, string path) => Save(model, path, null);

    /// <summary>Writes <paramref name="model"/> to a caller's stream (not atomic; the stream is flushed, not closed).</summary>
    public static void Save(LinearEstimator model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        double[] coef = model.Coefficients;
        using var w = new Utf8JsonWriter(stream);
        Write(w, model, coef);
    }

    /// <summary>
    /// Atomic save through <see cref="AtomicFile"/>: a crash, a full disk or an exception part-way leaves any old file
    /// intact and no temporary file behind; a symbolic link's target is replaced, a device or pipe written through.
    /// <paramref name="wrap"/> lets tests put a failing writer between the serialiser and the file.
    /// </summary>
    internal static void Save(LinearEstimator model, string path, Func<Stream, Stream>? wrap)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrEmpty(path);
        double[] coef = model.Coefficients;
        AtomicFile.Write(path, stream =>
        {
            Stream target = wrap is null ? stream : wrap(stream);
            using (var w = new Utf8JsonWriter(target))   // compact: a wide sparse model is bytes, not megabytes of indentation
            {
                Write(w, model, coef);
                w.Flush();
            }
            target.Flush();
        });
    }

    private static void Write(Utf8JsonWriter w, LinearEstimator model, double[] coef)
    {
        w.WriteStartObject();
        w.WriteNumber("schema_version", SchemaVersion);
        w.WriteString("format", Format);
        w.WriteString("model", model.ModelName);
        w.WriteStartObject("options");
        var options = new Dictionary<string, object?>
        {
            ["lambda"] = model.Lambda, ["c"] = model.C, ["fit_intercept"] = model.FitIntercept,
            ["solver"] = SolverKindNames.ToName(model.Solver), ["tolerance"] = model.Tolerance,
            ["max_iterations"] = model.MaxIterations, ["seed"] = model.Seed,
        };
        model.WriteOptions(options);
        if (model is LinearClassifier { ClassWeight: { } classWeight }) options["class_weight"] = classWeight.ToString();
        if (model.PenaltyFactors is { } factors) options["penalty_factors"] = factors;
        if (model.Positive) options["positive"] = true;
        if (model.Standardize) options["standardize"] = true;
        if (model.LowerBounds is { } lower) options["lower_bounds"] = lower;
        if (model.UpperBounds is { } upper) options["upper_bounds"] = upper;
        foreach (var (k, v) in options) WriteValue(w, k, v);
        w.WriteEndObject();
        w.WriteNumber("features", model.FeatureCount);
        switch (model.FeatureIndexBase)
        {
            case SvmlightIndexBase.ZeroBased: w.WriteNumber("feature_index_base", 0); break;
            case SvmlightIndexBase.OneBased: w.WriteNumber("feature_index_base", 1); break;
            default: w.WriteNull("feature_index_base"); break;
        }
        w.WriteNumber("outputs", model.OutputCount);
        WriteCoefficients(w, coef);
        WriteArray(w, "intercepts", model.Intercepts);
        if (model is LinearClassifier c)
        {
            w.WriteStartObject("classes");
            w.WriteString("kind", c.Classes.IsNumeric ? "numeric" : "text");
            w.WriteStartArray("values");
            if (c.Classes.IsNumeric) foreach (double v in c.Classes.Values) w.WriteNumberValue(v);
            else foreach (string s in c.Classes.Names) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        else w.WriteNull("classes");
        if (model.Report is { } r)
        {
            w.WriteStartObject("fit");
            w.WriteString("solver", SolverKindNames.ToName(r.Solver));
            WriteValue(w, "lambda", r.Lambda);
            WriteValue(w, "objective", r.Objective);
            WriteValue(w, "duality_gap", r.DualityGap);
            if (r.Stationarity is { } stationarity) WriteValue(w, "stationarity", stationarity);   // only without a gap
            w.WriteNumber("iterations", r.Iterations);
            w.WriteString("stop_reason", r.StopReason.ToString());
            w.WriteNumber("seconds", r.Elapsed.TotalSeconds);
            w.WriteEndObject();
        }
        else w.WriteNull("fit");
        w.WriteEndObject();
    }

    private static void WriteCoefficients(Utf8JsonWriter w, double[] coef)
    {
        int nonZero = 0;
        foreach (double v in coef) if (v != 0) nonZero++;
        if (4L * nonZero >= coef.Length)
        {
            WriteArray(w, "coefficients", coef);
            return;
        }
        w.WriteStartObject("coefficients");
        w.WriteNumber("length", coef.Length);
        w.WriteStartArray("indices");
        for (int i = 0; i < coef.Length; i++) if (coef[i] != 0) w.WriteNumberValue(i);
        w.WriteEndArray();
        w.WriteStartArray("values");
        foreach (double v in coef) if (v != 0) w.WriteNumberValue(v);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteArray(Utf8JsonWriter w, string name, double[] values)
    {
        w.WriteStartArray(name);
        foreach (double v in values) w.WriteNumberValue(v);
        w.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter w, string key, object? value)
    {
        switch (value)
        {
            case null: w.WriteNull(key); break;
            case double d when !double.IsFinite(d): w.WriteNull(key); break;
            case double d: w.WriteNumber(key, d); break;
            case int i: w.WriteNumber(key, i); break;
            case bool b: w.WriteBoolean(key, b); break;
            case string s: w.WriteString(key, s); break;
            case double[] a:
                w.WriteStartArray(key);
                foreach (double v in a)
                    if (double.IsFinite(v)) w.WriteNumberValue(v);
                    else w.WriteStringValue(v > 0 ? "Infinity" : "-Infinity");   // bounds of none; JSON has no infinity
                w.WriteEndArray();
                break;
            case int[] a:
                w.WriteStartArray(key);
                foreach (int v in a) w.WriteNumberValue(v);
                w.WriteEndArray();
                break;
            default: throw new InvalidOperationException($"Option {key} has unsupported type {value.GetType().Name}.");
        }
    }
}
