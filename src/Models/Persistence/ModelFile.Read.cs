using System.Text.Json;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.Solvers;

namespace OptSuite.Models.Persistence;

/// <summary>Loading a saved model (see the class remarks in ModelFile.cs): bounded reading, the start check and parsing,
/// every malformed input an <see cref="InvalidDataException"/> naming the file.</summary>
internal static partial class ModelFile
{
    public static LinearEstimator Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Model file not found: {path}", path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Load(stream, path);
    }

    public static LinearEstimator Load(Stream stream, string? name) => Load(stream, name, MaxFileBytes);

    /// <summary>As <see cref="Load(Stream, string?)"/> with another bound on the bytes read (tests use a small one).</summary>
    internal static LinearEstimator Load(Stream stream, string? name, long maxBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string path = name ?? "<stream>";
        return Load(ReadBounded(stream, path, maxBytes), path);
    }

    /// <summary>
    /// Reads a whole model file, but no more than <see cref="MaxFileBytes"/>, and stops at the first byte that cannot
    /// start a JSON object, so a device (<c>/dev/zero</c>), a FIFO or a data file given as the model fails at once.
    /// </summary>
    private static ReadOnlyMemory<byte> ReadBounded(Stream stream, string path, long maxBytes)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        bool started = false;
        int n;
        while ((n = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + n > maxBytes)
                throw new InvalidDataException($"{path}: larger than {maxBytes >> 20} MiB, more than a saved model takes; not an OptSuite model file.");
            buffer.Write(chunk, 0, n);
            if (!started) started = CheckStart(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), path);
        }
        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    /// <summary>True once the first significant byte is '{'; an error if it is anything else.</summary>
    private static bool CheckStart(ReadOnlySpan<byte> head, string path)
    {
        int at = FirstSignificant(head);
        if (at < 0) return false;
        if (head[at] == (byte)'{') return true;
        throw new InvalidDataException($"{path}: not an OptSuite model file (a saved model is a JSON object, which starts with '{{'; " +
            $"this file has byte 0x{head[at]:x2} at offset {at})." );
    }

    /// <summary>The offset of the first byte after an optional byte order mark and white space, −1 when there is none yet.</summary>
    private static int FirstSignificant(ReadOnlySpan<byte> head)
    {
        if (Bom.StartsWith(head)) return -1;   // a partial byte order mark: wait for more
        int skip = head.StartsWith(Bom) ? Bom.Length : 0;
        int at = head[skip..].IndexOfAnyExcept(" \t\r\n"u8);
        return at < 0 ? -1 : at + skip;
    }

    /// <summary>Whether the file at <paramref name="path"/> starts as a saved model does (its first significant byte in the
    /// first 4 KiB is '{', which no svmlight, CSV or Matrix Market file starts with); it is not parsed.</summary>
    public static bool StartsAsModel(string path)
    {
        Span<byte> head = stackalloc byte[4096];
        using var f = File.OpenRead(path);
        int n = f.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        int at = FirstSignificant(head[..n]);
        return at >= 0 && head[at] == (byte)'{';
    }

    /// <summary>Parses a saved model; every malformed input is an <see cref="InvalidDataException"/> naming <paramref name="path"/>.</summary>
    public static LinearEstimator Load(ReadOnlyMemory<byte> bytes, string path)
    {
        if (bytes.Span.StartsWith(Bom)) bytes = bytes[Bom.Length..];   // some editors write one; JSON parsers reject it
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
        if (v < OldestSchemaVersion || v > SchemaVersion)
            throw new InvalidDataException($"{path}: schema_version {v} is not supported (a {(v < SchemaVersion ? "older" : "newer")} " +
                $"format than this OptSuite's); this OptSuite reads versions {OldestSchemaVersion} to {SchemaVersion}.");
        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            throw new InvalidDataException($"{path}: format must be \"{Format}\".");
        string name = Text(root, "model", path);
        LinearEstimator model = Create(name, path);
        var options = new ModelOptionsReader(Property(root, "options", JsonValueKind.Object, path), path);
        model.Lambda = options.DoubleOrNull("lambda");
        model.C = options.DoubleOrNull("c");
        model.FitIntercept = options.Bool("fit_intercept");
        model.Solver = SolverKindNames.Parse(options.String("solver"));
        model.Tolerance = options.DoubleOrNull("tolerance");
        model.MaxIterations = options.IntOrNull("max_iterations");
        model.Seed = options.IntOrNull("seed") ?? 0;
        model.ReadOptions(options);
        model.PenaltyFactors = options.DoubleArrayOrNull("penalty_factors");
        model.Positive = options.BoolOrNull("positive") ?? false;
        model.Standardize = options.BoolOrNull("standardize") ?? false;
        model.LowerBounds = options.DoubleArrayOrNull("lower_bounds");
        model.UpperBounds = options.DoubleArrayOrNull("upper_bounds");
        if (model is LinearClassifier classifier && options.StringOrNull("class_weight") is { } classWeight)
        {
            try
            {
                classifier.ClassWeight = ClassWeights.Parse(classWeight);
            }
            catch (ArgumentException e)
            {
                throw new InvalidDataException($"{path}: options.class_weight: {e.Message}", e);
            }
        }

        int p = Int(root, "features", path), m = Int(root, "outputs", path);
        model.FeatureIndexBase = v >= 2 ? IndexBase(root, path) : SvmlightIndexBase.Auto;
        double[] intercepts = Numbers(root, "intercepts", path);
        if (p < 0 || m < 1 || (long)p * m > Array.MaxLength || intercepts.Length != m)
            throw new InvalidDataException($"{path}: {intercepts.Length} intercepts and {p} features × {m} outputs do not make a model.");
        double[] coef = v >= 2 && root.TryGetProperty("coefficients", out var sparse) && sparse.ValueKind == JsonValueKind.Object
            ? SparseNumbers(sparse, p * m, path)
            : Numbers(root, "coefficients", path);
        if (coef.Length != (long)p * m)
            throw new InvalidDataException($"{path}: {coef.Length} coefficients and {intercepts.Length} intercepts do not fit {p} features × {m} outputs.");
        if (model is LinearRegressor && m != 1)
            throw new InvalidDataException($"{path}: a {name} model has one output; the file says {m}.");
        model.Store(coef, intercepts, p, m, Report(root, path));
        if (model is LinearClassifier c) c.StoreClasses(Classes(root, path, m));
        return model;
    }

    private static LinearEstimator Create(string name, string path) =>
        ModelRegistry.Find(name)?.Create() ?? throw new InvalidDataException($"{path}: unknown model '{name}'.");

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
            // Files written before the stationarity certificate was saved have no such key: null, as for a convex fit.
            double stationarity = f.TryGetProperty("stationarity", out _) ? Num("stationarity") : double.NaN;
            return new FitReport(SolverKindNames.Parse(f.GetProperty("solver").GetString()!), Num("lambda"), Num("objective"),
                double.IsNaN(gap) ? null : gap, f.GetProperty("iterations").GetInt32(),
                Enum.Parse<StopReason>(f.GetProperty("stop_reason").GetString()!), TimeSpan.FromSeconds(Num("seconds")), [])
            {
                Stationarity = double.IsNaN(stationarity) ? null : stationarity,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: bad fit report: {e.Message}", e);
        }
    }

    private static SvmlightIndexBase IndexBase(JsonElement root, string path)
    {
        if (!root.TryGetProperty("feature_index_base", out var b) || b.ValueKind == JsonValueKind.Null) return SvmlightIndexBase.Auto;
        return b.ValueKind == JsonValueKind.Number && b.TryGetInt32(out int i) && i is 0 or 1
            ? (i == 0 ? SvmlightIndexBase.ZeroBased : SvmlightIndexBase.OneBased)
            : throw new InvalidDataException($"{path}: feature_index_base must be 0, 1 or null.");
    }

    /// <summary>The sparse form of the coefficients: length, strictly increasing indices and their non-zero values.</summary>
    private static double[] SparseNumbers(JsonElement o, int expected, string path)
    {
        int length = Int(o, "length", path);
        if (length != expected)
            throw new InvalidDataException($"{path}: coefficients.length is {length}; the features and outputs make {expected}.");
        var indices = Property(o, "indices", JsonValueKind.Array, path);
        double[] values = Numbers(o, "values", path);
        if (indices.GetArrayLength() != values.Length)
            throw new InvalidDataException($"{path}: coefficients has {indices.GetArrayLength()} indices and {values.Length} values.");
        var coef = new double[length];
        int k = 0, previous = -1;
        foreach (var e in indices.EnumerateArray())
        {
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int i) || i <= previous || i >= length)
                throw new InvalidDataException($"{path}: coefficients.indices must be increasing integers in [0, {length}).");
            coef[i] = values[k++];
            previous = i;
        }
        return coef;
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
