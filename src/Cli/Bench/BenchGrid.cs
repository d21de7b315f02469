using System.Globalization;
using System.Text.Json;

namespace OptSuite.Cli.Bench;

/// <summary>
/// A benchmark grid read from a JSON file (<c>optsuite bench --config FILE</c>), as benchopt runs datasets × objectives ×
/// solvers: every dataset with every model setting, each solver repeated, one combined report.
/// </summary>
/// <remarks>
/// <code>
/// {
///   "title": "L1 logistic regression and the lasso",
///   "datasets": ["binary/a9a.xz", "regression/abalone_scale"],
///   "models": [
///     { "model": "logistic", "penalty": "l1", "lambda": [1e-3, 1e-4] },
///     { "model": "lasso", "lambda": 0.01 }
///   ],
///   "solvers": ["cd", "owlqn", "fista"],
///   "repetitions": 3,
///   "max_time": 10, "max_iterations": 100000, "tolerance": 1e-10, "reference_time": 30, "trace_share": 0.2, "seed": 0
/// }
/// </code>
/// A model entry's keys are <c>optsuite bench</c>'s model options without the dashes (<c>model</c>, <c>lambda</c>,
/// <c>C</c>, <c>penalty</c>, <c>l1-ratio</c>, <c>loss</c>, <c>no-intercept</c>, …), parsed and checked exactly as on the
/// command line; an array value makes one case per value (several arrays: every combination). Datasets are paths or
/// names as <c>--data</c> takes them (resolved against the config file's folder first). <c>solvers</c> (optional: every
/// solver that handles each problem) lists the solvers to run; in a case where one does not apply it is left out and
/// the report says why. The other keys are the single bench's options with underscores.
/// </remarks>
internal sealed record BenchGrid
{
    /// <summary>The report's title.</summary>
    public required string Title { get; init; }

    /// <summary>The data files or directories, as given.</summary>
    public required IReadOnlyList<string> Datasets { get; init; }

    /// <summary>Each model setting as command-line tokens (<c>--model logistic --lambda 0.001</c>), arrays expanded.</summary>
    public required IReadOnlyList<string[]> Models { get; init; }

    /// <summary>The solvers to run; empty for every solver that handles each problem.</summary>
    public required IReadOnlyList<string> Solvers { get; init; }

    /// <summary>Runs of each solver per case (the reference solve runs once).</summary>
    public int Repetitions { get; init; } = 1;

    /// <summary>The limits and tracing of every run.</summary>
    public required BenchSettings Limits { get; init; }

    private static readonly HashSet<string> Keys =
        ["title", "datasets", "models", "solvers", "repetitions", "max_time", "max_iterations", "tolerance", "reference_time", "trace_share", "trace_every", "seed", "x_scale"];

    /// <summary>Reads and checks a grid file; every problem is a <see cref="Commands.UsageException"/> naming the file and key.</summary>
    public static BenchGrid Read(string path)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            root = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new Commands.UsageException($"--config {path}: not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        if (root.ValueKind != JsonValueKind.Object) throw Bad(path, "the file must hold one JSON object");
        foreach (var p in root.EnumerateObject())
            if (!Keys.Contains(p.Name)) throw Bad(path, $"unknown key \"{p.Name}\"; the keys are {string.Join(", ", Keys)}");
        var datasets = Strings(root, "datasets", path, required: true);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        datasets = datasets.Select(d => Path.IsPathRooted(d) || !Path.Exists(Path.Combine(folder, d)) ? d : Path.Combine(folder, d)).ToList();
        if (!root.TryGetProperty("models", out var models) || models.ValueKind != JsonValueKind.Array || models.GetArrayLength() == 0)
            throw Bad(path, "\"models\" must be a non-empty array of objects such as { \"model\": \"lasso\", \"lambda\": 0.01 }");
        var cases = new List<string[]>();
        int index = 0;
        foreach (var m in models.EnumerateArray())
        {
            if (m.ValueKind != JsonValueKind.Object || !m.TryGetProperty("model", out _))
                throw Bad(path, $"models[{index}] must be an object with a \"model\" key");
            cases.AddRange(Expand(m, path, index++));
        }
        var limits = new BenchSettings
        {
            Model = "grid", DataPath = datasets[0], Solvers = [],
            MaxTime = TimeSpan.FromSeconds(Number(root, "max_time", path, 10, positive: true)),
            ReferenceTime = TimeSpan.FromSeconds(Number(root, "reference_time", path, 30, positive: true)),
            MaxIterations = (int)Number(root, "max_iterations", path, 100_000, positive: true),
            Tolerance = Number(root, "tolerance", path, 1e-10, positive: false),
            TraceShare = Number(root, "trace_share", path, 0.2, positive: false),
            TraceEvery = (int)Number(root, "trace_every", path, 1, positive: true),
            Seed = (int)Number(root, "seed", path, 0, positive: false),
            XScale = root.TryGetProperty("x_scale", out var x) && x.ValueKind == JsonValueKind.String && Enum.TryParse<AxisScale>(x.GetString(), true, out var scale)
                ? scale : root.TryGetProperty("x_scale", out _) ? throw Bad(path, "\"x_scale\" must be \"auto\", \"linear\" or \"log\"") : AxisScale.Auto,
        };
        return new BenchGrid
        {
            Title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : Path.GetFileNameWithoutExtension(path),
            Datasets = datasets,
            Models = cases,
            Solvers = root.TryGetProperty("solvers", out _) ? Strings(root, "solvers", path, required: true) : [],
            Repetitions = (int)Number(root, "repetitions", path, 1, positive: true),
            Limits = limits,
        };
    }

    /// <summary>One model entry as command-line tokens, one list per combination of its array values.</summary>
    private static IEnumerable<string[]> Expand(JsonElement model, string path, int index)
    {
        var choices = new List<(string Option, List<string?> Values)>();
        foreach (var p in model.EnumerateObject())
        {
            var values = p.Value.ValueKind == JsonValueKind.Array ? p.Value.EnumerateArray().ToList() : [p.Value];
            if (values.Count == 0) throw Bad(path, $"models[{index}].{p.Name} is an empty array");
            choices.Add(("--" + p.Name, values.Select(v => v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Number => v.GetRawText(),
                JsonValueKind.True => null,          // a flag such as "no-intercept": true
                JsonValueKind.False => "",           // a flag left off
                _ => throw Bad(path, $"models[{index}].{p.Name} must be a string, a number, true/false or an array of them"),
            }).ToList()));
        }
        IEnumerable<List<string>> combos = [[]];
        foreach (var (option, values) in choices)
            combos = combos.SelectMany(c => values.Select(v => v switch
            {
                null => [.. c, option],
                "" => c,
                _ => new List<string>([.. c, option, v]),
            })).ToList();
        return combos.Select(c => c.ToArray());
    }

    private static List<string> Strings(JsonElement root, string key, string path, bool required)
    {
        if (!root.TryGetProperty(key, out var e))
            return required ? throw Bad(path, $"\"{key}\" is missing") : [];
        var list = e.ValueKind == JsonValueKind.Array ? e.EnumerateArray().ToList() : [e];
        if (list.Count == 0 || list.Any(v => v.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(v.GetString())))
            throw Bad(path, $"\"{key}\" must be a non-empty array of names");
        return list.Select(v => v.GetString()!).ToList();
    }

    private static double Number(JsonElement root, string key, string path, double fallback, bool positive)
    {
        if (!root.TryGetProperty(key, out var e)) return fallback;
        if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v) || !double.IsFinite(v) || v < 0 || (positive && v == 0))
            throw Bad(path, $"\"{key}\" must be a {(positive ? "positive" : "non-negative")} number; it is {e.GetRawText()}");
        return v;
    }

    private static Commands.UsageException Bad(string path, string what) => new($"--config {path}: {what}.");

    /// <summary>The case's label: the model tokens without dashes ("logistic penalty=l1 lambda=0.001").</summary>
    public static string Label(string[] tokens)
    {
        var parts = new List<string>();
        for (int i = 0; i < tokens.Length; i++)
        {
            string name = tokens[i].TrimStart('-');
            bool valued = i + 1 < tokens.Length && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal);
            if (name == "model" && valued) parts.Insert(0, tokens[++i]);
            else if (valued) parts.Add($"{name}={tokens[++i]}");
            else parts.Add(name);
        }
        return string.Join(' ', parts);
    }

    /// <summary>A folder name for a case: its number, model label and data stem, safe on every file system.</summary>
    public static string Folder(int number, string label, string dataStem)
    {
        var safe = new string($"{label} {dataStem}".Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '=' ? c : '_').ToArray());
        return $"case-{number.ToString("D2", CultureInfo.InvariantCulture)}-{safe}";
    }
}
