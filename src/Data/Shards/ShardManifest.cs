using System.Globalization;
using System.Text.Json;

namespace OptSuite.Data.Shards;

/// <summary>
/// The manifest of a shard dataset (<c>manifest.json</c>, written last and atomically, so a directory without it is an
/// unfinished conversion): format and version, shape, storage, label summary, whether rows carry weights, the source,
/// and every shard with its rows and checksum.
/// </summary>
public sealed record ShardManifest
{
    /// <summary>The manifest's file name inside a dataset directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The value of the manifest's "format" field.</summary>
    public const string FormatName = "optsuite-shards";

    /// <summary>The format version this build writes and the newest it reads.</summary>
    public const int CurrentVersion = 1;

    /// <summary>Format version.</summary>
    public int Version { get; init; } = CurrentVersion;

    /// <summary>Rows n.</summary>
    public int Rows { get; init; }

    /// <summary>Columns p (features).</summary>
    public int Columns { get; init; }

    /// <summary>Stored entries over all shards (rows·columns for dense storage).</summary>
    public long NonZeros { get; init; }

    /// <summary>How the shards store rows.</summary>
    public ShardStorage Storage { get; init; }

    /// <summary>Rows carry sample weights.</summary>
    public bool HasWeights { get; init; }

    /// <summary>The label column's summary.</summary>
    public required LabelSummary Labels { get; init; }

    /// <summary>The input it was converted from, if known.</summary>
    public ShardSource? Source { get; init; }

    /// <summary>The program that wrote it, e.g. "OptSuite 0.1.0".</summary>
    public string? Writer { get; init; }

    /// <summary>The shards in row order.</summary>
    public required IReadOnlyList<ShardInfo> Shards { get; init; }

    /// <summary>Total bytes of the shard files.</summary>
    public long Bytes => Shards.Sum(s => s.Bytes);

    /// <summary>Writes the manifest as indented JSON.</summary>
    public void WriteTo(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("version", Version);
        w.WriteNumber("rows", Rows);
        w.WriteNumber("columns", Columns);
        w.WriteNumber("nonZeros", NonZeros);
        w.WriteString("storage", Storage == ShardStorage.Sparse ? "sparse" : "dense");
        w.WriteBoolean("weights", HasWeights);
        if (Writer is not null) w.WriteString("writer", Writer);
        if (Source is { } src)
        {
            w.WriteStartObject("source");
            if (src.Path is not null) w.WriteString("path", src.Path);
            if (src.Format is not null) w.WriteString("format", src.Format);
            if (src.IndexBase is { } b) w.WriteNumber("indexBase", b);
            if (src.Bytes is { } n) w.WriteNumber("bytes", n);
            w.WriteEndObject();
        }
        w.WriteStartObject("labels");
        w.WriteString("kind", Labels.Kind.ToString().ToLowerInvariant());
        w.WriteNumber("distinct", Labels.DistinctCount);
        Number(w, "min", Labels.Min);
        Number(w, "mean", Labels.Mean);
        Number(w, "max", Labels.Max);
        if (Labels.ClassCounts is { } counts)
        {
            w.WriteStartArray("classes");
            foreach (var (label, rows) in counts)
            {
                w.WriteStartObject();
                Number(w, "label", label);
                w.WriteNumber("rows", rows);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }
        w.WriteEndObject();
        w.WriteStartArray("shards");
        foreach (var s in Shards)
        {
            w.WriteStartObject();
            w.WriteString("file", s.File);
            w.WriteNumber("firstRow", s.FirstRow);
            w.WriteNumber("rows", s.Rows);
            w.WriteNumber("nonZeros", s.NonZeros);
            w.WriteNumber("bytes", s.Bytes);
            w.WriteString("xxh3", s.Checksum);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Reads and checks the manifest of the dataset in <paramref name="directory"/>.</summary>
    /// <exception cref="InvalidDataException">No manifest (an unfinished conversion or not a dataset), a newer format
    /// version, or an inconsistent manifest; the message names the file.</exception>
    public static ShardManifest Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new InvalidDataException(System.IO.Directory.Exists(directory)
                ? $"{directory} is not a shard dataset: it has no {FileName} (an interrupted 'optsuite convert' leaves none; convert again)."
                : $"Shard dataset not found: {directory}");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return Parse(doc.RootElement, path);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}).", e);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
    }

    private static ShardManifest Parse(JsonElement root, string path)
    {
        if (!root.TryGetProperty("format", out var format) || format.GetString() != FormatName)
            throw new InvalidDataException($"{path}: not an OptSuite shard manifest (\"format\" is not \"{FormatName}\").");
        int version = root.GetProperty("version").GetInt32();
        if (version > CurrentVersion)
            throw new InvalidDataException($"{path}: shard format version {version} was written by a newer OptSuite; this build reads version {CurrentVersion} and older. Update OptSuite or convert the data again.");
        if (version < 1) throw new InvalidDataException($"{path}: invalid format version {version}.");
        var labels = root.GetProperty("labels");
        List<KeyValuePair<double, int>>? classes = null;
        if (labels.TryGetProperty("classes", out var cls))
            classes = cls.EnumerateArray().Select(c => KeyValuePair.Create(Num(c.GetProperty("label")), c.GetProperty("rows").GetInt32())).ToList();
        var summary = LabelSummary.Restore(Enum.Parse<LabelKind>(labels.GetProperty("kind").GetString()!, ignoreCase: true),
            labels.GetProperty("distinct").GetInt32(), classes, Num(labels.GetProperty("min")), Num(labels.GetProperty("mean")), Num(labels.GetProperty("max")));
        ShardSource? source = null;
        if (root.TryGetProperty("source", out var src))
            source = new ShardSource(Str(src, "path"), Str(src, "format"),
                src.TryGetProperty("indexBase", out var b) ? b.GetInt32() : null, src.TryGetProperty("bytes", out var n) ? n.GetInt64() : null);
        var shards = root.GetProperty("shards").EnumerateArray().Select(s => new ShardInfo(
            s.GetProperty("file").GetString()!, s.GetProperty("firstRow").GetInt64(), s.GetProperty("rows").GetInt32(),
            s.GetProperty("nonZeros").GetInt64(), s.GetProperty("bytes").GetInt64(), s.GetProperty("xxh3").GetString()!)).ToList();
        var m = new ShardManifest
        {
            Version = version,
            Rows = root.GetProperty("rows").GetInt32(),
            Columns = root.GetProperty("columns").GetInt32(),
            NonZeros = root.GetProperty("nonZeros").GetInt64(),
            Storage = root.GetProperty("storage").GetString() switch
            {
                "sparse" => ShardStorage.Sparse,
                "dense" => ShardStorage.Dense,
                var s => throw new InvalidDataException($"{path}: unknown storage \"{s}\"."),
            },
            HasWeights = root.GetProperty("weights").GetBoolean(),
            Writer = Str(root, "writer"),
            Source = source,
            Labels = summary,
            Shards = shards,
        };
        m.Check(path);
        return m;
    }

    private void Check(string path)
    {
        if (Rows < 0 || Columns < 0 || NonZeros < 0) throw new InvalidDataException($"{path}: negative sizes.");
        long row = 0, nnz = 0;
        foreach (var s in Shards)
        {
            if (s.File.Contains('/') || s.File.Contains('\\') || s.File is "." or "..")
                throw new InvalidDataException($"{path}: shard file name \"{s.File}\" is not a plain file name.");
            if (s.FirstRow != row || s.Rows < 0)
                throw new InvalidDataException($"{path}: shard {s.File} starts at row {s.FirstRow}, expected {row}.");
            row += s.Rows;
            nnz += s.NonZeros;
        }
        if (row != Rows) throw new InvalidDataException($"{path}: the shards hold {row} rows, the manifest says {Rows}.");
        if (nnz != NonZeros) throw new InvalidDataException($"{path}: the shards hold {nnz} entries, the manifest says {NonZeros}.");
    }

    private static void Number(Utf8JsonWriter w, string name, double v)
    {
        if (double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteString(name, v.ToString(CultureInfo.InvariantCulture));
    }

    private static double Num(JsonElement e) => e.ValueKind == JsonValueKind.String
        ? double.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetDouble();

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;
}
