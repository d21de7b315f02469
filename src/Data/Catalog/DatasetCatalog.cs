using System.Text.Json;

namespace OptSuite.Data;

/// <summary>
/// The datasets shipped in the repository (listed in <c>datasets/catalog.json</c>, documented in
/// <c>datasets/PROVENANCE.md</c>) and name resolution: "heart_scale", "binary/heart_scale", "regression/diabetes_raw.svm"
/// or any name <see cref="DatasetLocator"/> can find.
/// </summary>
/// <remarks>
/// The manifest is read at run time from the checkout (found as <see cref="DatasetLocator"/> finds it), so the CLI,
/// tests and benchmarks share one list and adding a file needs no rebuild. Outside a checkout the list is empty and
/// names still resolve through <see cref="DatasetLocator"/>.
/// </remarks>
public static class DatasetCatalog
{
    /// <summary>The manifest's file name inside <c>datasets/</c>.</summary>
    public const string ManifestFileName = "catalog.json";

    private static readonly Lazy<(string? Root, IReadOnlyList<DatasetInfo> List)> Loaded = new(Load);

    /// <summary>The shipped <c>datasets/</c> folder, or null when not running from a checkout.</summary>
    public static string? ShippedRoot => Loaded.Value.Root;

    /// <summary>Every shipped dataset, in manifest order.</summary>
    public static IReadOnlyList<DatasetInfo> Shipped => Loaded.Value.List;

    /// <summary>The shipped dataset called <paramref name="name"/> (by name, relative path, or path without extension).</summary>
    public static bool TryGetInfo(string name, out DatasetInfo info)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        string key = name.Replace('\\', '/');
        foreach (var d in Shipped)
        {
            if (string.Equals(d.Name, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(d.RelativePath, key, StringComparison.OrdinalIgnoreCase)
                || string.Equals(StripSvm(d.RelativePath), key, StringComparison.OrdinalIgnoreCase))
            {
                info = d;
                return true;
            }
        }
        info = null!;
        return false;
    }

    /// <summary>
    /// The full path of a dataset: a shipped one by name or relative path, otherwise whatever
    /// <see cref="DatasetLocator.Find"/> finds (OPTSUITE_DATA, datasets/, ../shared/datasets).
    /// </summary>
    /// <exception cref="FileNotFoundException">Nowhere to be found; the message lists the places searched.</exception>
    public static string Resolve(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (TryGetInfo(name, out var info) && ShippedRoot is { } root)
        {
            var p = Path.Combine(root, info.RelativePath.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(p)) return p;
        }
        if (DatasetLocator.TryFind(name, out var found)) return found;
        if (!name.EndsWith(".svm", StringComparison.OrdinalIgnoreCase) && DatasetLocator.TryFind(name + ".svm", out found)) return found;
        return DatasetLocator.Find(name);
    }

    private static string StripSvm(string p) => p.EndsWith(".svm", StringComparison.OrdinalIgnoreCase) ? p[..^4] : p;

    private static (string?, IReadOnlyList<DatasetInfo>) Load()
    {
        var repo = DatasetLocator.RepositoryRoot();
        if (repo is null) return (null, Array.Empty<DatasetInfo>());
        string root = Path.Combine(repo, "datasets");
        string manifest = Path.Combine(root, ManifestFileName);
        if (!File.Exists(manifest)) return (null, Array.Empty<DatasetInfo>());
        return (root, Parse(File.ReadAllText(manifest), manifest));
    }

    /// <summary>Parses manifest JSON; malformed content is a <see cref="DataFormatException"/> naming the file and entry.</summary>
    internal static IReadOnlyList<DatasetInfo> Parse(string json, string path)
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new DataFormatException(path, (e.LineNumber ?? -1) + 1, (e.BytePositionInLine ?? -1) + 1, "invalid JSON: " + e.Message, null, e); }
        using (doc)
        {
            if (!doc.RootElement.TryGetProperty("datasets", out var arr) || arr.ValueKind != JsonValueKind.Array)
                throw new DataFormatException(path, 0, 0, "the manifest has no \"datasets\" array");
            var list = new List<DatasetInfo>();
            int k = 0;
            foreach (var e in arr.EnumerateArray())
            {
                try
                {
                    list.Add(new DatasetInfo(
                        e.GetProperty("name").GetString()!, e.GetProperty("task").GetString()!,
                        e.GetProperty("rows").GetInt32(), e.GetProperty("columns").GetInt32(), e.GetProperty("nnz").GetInt64(),
                        e.GetProperty("path").GetString()!, e.GetProperty("format").GetString()!, e.GetProperty("bytes").GetInt64(),
                        e.GetProperty("sha256").GetString()!, e.GetProperty("synthetic").GetBoolean(),
                        e.GetProperty("provenance").GetString()!));
                }
                catch (Exception ex) when (ex is KeyNotFoundException or InvalidOperationException or FormatException)
                {
                    throw new DataFormatException(path, 0, 0, $"dataset entry {k} is incomplete or mistyped: {ex.Message}", null, ex);
                }
                k++;
            }
            return list;
        }
    }
}
