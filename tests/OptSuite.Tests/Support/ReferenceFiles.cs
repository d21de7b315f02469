using System.Text.Json;
using OptSuite.Data;

namespace OptSuite.Tests.Support;

/// <summary>The frozen peer optima under datasets/reference: one JSON array per file, one entry per problem.</summary>
public static class ReferenceFiles
{
    /// <summary>The entry of <paramref name="file"/> (e.g. "class_weight.json") whose "problem" is <paramref name="problem"/>.</summary>
    public static JsonElement Entry(string file, string problem)
    {
        string root = DatasetLocator.RepositoryRoot()!;
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "datasets", "reference", file)));
        return doc.RootElement.EnumerateArray().Single(e => e.GetProperty("problem").GetString() == problem).Clone();
    }

    /// <summary>
    /// The file a reference's "data" names: "shared:REL" under ../shared/datasets (<see cref="DatasetLocator.SharedRoot"/>),
    /// anything else relative to the repository root.
    /// </summary>
    public static string DataPath(string spec) => spec.StartsWith("shared:", StringComparison.Ordinal)
        ? Path.Combine(DatasetLocator.SharedRoot() ?? throw new InvalidOperationException($"{spec}: ../shared/datasets is not here."), spec["shared:".Length..])
        : Path.Combine(DatasetLocator.RepositoryRoot()!, spec);

    /// <summary>The entry's "data" file (a path in the repository), read.</summary>
    public static SvmlightDataset Data(JsonElement entry) =>
        SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, entry.GetProperty("data").GetString()!));
}
