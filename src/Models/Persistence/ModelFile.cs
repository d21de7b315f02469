using System.Text.Json;
using OptSuite.Data.IO;
using OptSuite.Solvers;

namespace OptSuite.Models.Persistence;

/// <summary>
/// Saved models: one JSON object with <c>schema_version</c> (1), <c>format</c>, <c>model</c>, <c>options</c>,
/// <c>features</c>, <c>outputs</c>, <c>coefficients</c> (row-major p×m), <c>intercepts</c>, <c>classes</c> (null, or
/// <c>{"kind": "numeric"|"text", "values": [...]}</c>) and <c>fit</c> (the report, or null). Doubles are written in
/// round-trip form, so a loaded model predicts exactly what the saved one did.
/// </summary>
internal static class ModelFile
{
    public const int SchemaVersion = 1;
    public const string Format = "optsuite.linear-model";

    public static void Save(LinearEstimator model, string path) => Save(model, path, null);

    /// <summary>Writes <paramref name="model"/> to a caller's stream (not atomic; the stream is flushed, not closed).</summary>
    public static void Save(LinearEstimator model, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(stream);
        double[] coef = model.Coefficients;
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
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
            using (var w = new Utf8JsonWriter(target, new JsonWriterOptions { Indented = true }))
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
        foreach (var (k, v) in options) WriteValue(w, k, v);
        w.WriteEndObject();
        w.WriteNumber("features", model.FeatureCount);
        w.WriteNumber("outputs", model.OutputCount);
        WriteArray(w, "coefficients", coef);
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
            w.WriteNumber("iterations", r.Iterations);
            w.WriteString("stop_reason", r.StopReason.ToString());
            w.WriteNumber("seconds", r.Elapsed.TotalSeconds);
            w.WriteEndObject();
        }
        else w.WriteNull("fit");
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
            case int[] a:
                w.WriteStartArray(key);
                foreach (int v in a) w.WriteNumberValue(v);
                w.WriteEndArray();
                break;
            default: throw new InvalidOperationException($"Option {key} has unsupported type {value.GetType().Name}.");
        }
    }

    public static LinearEstimator Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file not found: {path}", path);
        return Load(File.ReadAllBytes(path), path);
    }

    public static LinearEstimator Load(Stream stream, string? name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Load(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), name ?? "<stream>");
    }

    /// <summary>Parses a saved model; every malformed input is an <see cref="InvalidDataException"/> naming <paramref name="path"/>.</summary>
    public static LinearEstimator Load(ReadOnlyMemory<byte> bytes, string path)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(bytes); }
        catch (JsonException e) { throw new InvalidDataException($"{path}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e); }
        using (doc)
        {
            // Every field is checked with a message of its own; this guard turns what the checks cannot foresee (strings
            // that are not valid UTF-8, out-of-range enums deep in a value) into the loader's one documented exception.
            try { return Parse(doc.RootElement, path); }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or OverflowException)
            {
                throw new InvalidDataException($"{path}: {e.Message}", e);
            }
        }
    }

    private static LinearEstimator Parse(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{path}: a saved model is a JSON object.");
        if (!root.TryGetProperty("schema_version", out var version) || !version.TryGetInt32(out int v))
            throw new InvalidDataException($"{path}: no schema_version; not an OptSuite model file.");
        if (v != SchemaVersion)
            throw new InvalidDataException($"{path}: schema_version {v} is not supported (a {(v < SchemaVersion ? "older" : "newer")} " +
                $"format than this OptSuite's); this OptSuite reads version {SchemaVersion}.");
        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            throw new InvalidDataException($"{path}: format must be \"{Format}\".");
        string name = Text(root, "model", path);
        LinearEstimator model = Create(name, path);
        var options = new ModelOptionsReader(Property(root, "options", JsonValueKind.Object, path), path);
        model.Lambda = options.DoubleOrNull("lambda");
        model.C = options.DoubleOrNull("c");
        model.FitIntercept = options.Bool("fit_intercept");
        model.Solver = SolverKindNames.Parse(options.String("solver"));
        model.Tolerance = options.Double("tolerance");
        model.MaxIterations = options.IntOrNull("max_iterations");
        model.Seed = options.IntOrNull("seed") ?? 0;
        model.ReadOptions(options);

        int p = Int(root, "features", path), m = Int(root, "outputs", path);
        double[] coef = Numbers(root, "coefficients", path), intercepts = Numbers(root, "intercepts", path);
        if (p < 0 || m < 1 || coef.Length != (long)p * m || intercepts.Length != m)
            throw new InvalidDataException($"{path}: {coef.Length} coefficients and {intercepts.Length} intercepts do not fit {p} features × {m} outputs.");
        if (model is LinearRegressor && m != 1)
            throw new InvalidDataException($"{path}: a {name} model has one output; the file says {m}.");
        model.Store(coef, intercepts, p, m, Report(root, path));
        if (model is LinearClassifier c) c.StoreClasses(Classes(root, path, m));
        return model;
    }

    private static LinearEstimator Create(string name, string path) => name switch
    {
        "ridge" => new Ridge(),
        "lasso" => new Lasso(),
        "elastic-net" => new ElasticNet(),
        "group-lasso" => new GroupLasso(),
        "multitask-lasso" => new MultiTaskLasso(),
        "huber" => new HuberRegressor(),
        "poisson" => new PoissonRegressor(),
        "quantile" => new QuantileRegressor(),
        "logistic" or "multinomial" => new LogisticRegression(),
        "linear-svm" => new LinearSvm(),
        "multiclass-svm" => new MulticlassSvm(),
        _ => throw new InvalidDataException($"{path}: unknown model '{name}'."),
    };

    private static ClassLabels Classes(JsonElement root, string path, int outputs)
    {
        var c = Property(root, "classes", JsonValueKind.Object, path);
        string kind = Text(c, "kind", path);
        var values = Property(c, "values", JsonValueKind.Array, path);
        try
        {
            var labels = kind switch
            {
                "numeric" => ClassLabels.FromValues(values.EnumerateArray().Select(e => e.GetDouble()).ToArray()),
                "text" => ClassLabels.FromNames(values.EnumerateArray().Select(e => e.GetString()!).ToArray()),
                _ => throw new InvalidDataException($"{path}: classes.kind must be numeric or text."),
            };
            if (labels.Count < 2 || (outputs != 1 && outputs != labels.Count) || (outputs == 1 && labels.Count != 2))
                throw new InvalidDataException($"{path}: {labels.Count} classes do not fit {outputs} outputs.");
            return labels;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: bad classes: {e.Message}", e);
        }
    }

    private static FitReport? Report(JsonElement root, string path)
    {
        if (!root.TryGetProperty("fit", out var f) || f.ValueKind == JsonValueKind.Null) return null;
        if (f.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{path}: fit must be an object or null.");
        try
        {
            double Num(string n) => f.GetProperty(n).ValueKind == JsonValueKind.Null ? double.NaN : f.GetProperty(n).GetDouble();
            double gap = Num("duality_gap");
            return new FitReport(SolverKindNames.Parse(f.GetProperty("solver").GetString()!), Num("lambda"), Num("objective"),
                double.IsNaN(gap) ? null : gap, f.GetProperty("iterations").GetInt32(),
                Enum.Parse<StopReason>(f.GetProperty("stop_reason").GetString()!), TimeSpan.FromSeconds(Num("seconds")), []);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: bad fit report: {e.Message}", e);
        }
    }

    private static JsonElement Property(JsonElement o, string name, JsonValueKind kind, string path) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == kind ? v
            : throw new InvalidDataException($"{path}: {name} must be a JSON {kind.ToString().ToLowerInvariant()}.");

    private static string Text(JsonElement o, string name, string path) => Property(o, name, JsonValueKind.String, path).GetString()!;

    private static int Int(JsonElement o, string name, string path) =>
        Property(o, name, JsonValueKind.Number, path).TryGetInt32(out int i) ? i : throw new InvalidDataException($"{path}: {name} must be an integer.");

    private static double[] Numbers(JsonElement o, string name, string path) =>
        Property(o, name, JsonValueKind.Array, path).EnumerateArray()
            .Select(e => e.ValueKind == JsonValueKind.Number && double.IsFinite(e.GetDouble()) ? e.GetDouble()
                : throw new InvalidDataException($"{path}: {name} must hold finite numbers."))
            .ToArray();
}
