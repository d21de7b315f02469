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

    /// <summary>The entry's "data" file (a path in the repository), read.</summary>
    public static SvmlightDataset Data(JsonElement entry) =>
        SvmlightReader.Read(Path.Combine(DatasetLocator.RepositoryRoot()!, entry.GetProperty("data").GetString()!));
}
