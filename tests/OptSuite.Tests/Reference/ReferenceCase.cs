using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Reference;

/// <summary>One frozen optimum from datasets/reference/*.json (see make_references.py there).</summary>
public sealed record ReferenceCase(string Problem, string Data, double Lambda, double? L1Ratio, double? Delta, bool FitIntercept,
    double Objective, string Tool)
{
    public override string ToString() => $"{Problem} {Path.GetFileName(Data)} λ={Lambda:G4}{(FitIntercept ? " +b" : "")}";

    public static IReadOnlyList<ReferenceCase> Load(string problem)
    {
        string root = DatasetLocator.RepositoryRoot() ?? throw new InvalidOperationException("Tests must run from a checkout.");
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "datasets", "reference", problem + ".json")));
        var list = new List<ReferenceCase>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            list.Add(new ReferenceCase(
                e.GetProperty("problem").GetString()!,
                e.GetProperty("data").GetString()!,
                e.GetProperty("lam").GetDouble(),
                e.TryGetProperty("l1_ratio", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : null,
                e.TryGetProperty("delta", out var d) && d.ValueKind == JsonValueKind.Number ? d.GetDouble() : null,
                e.GetProperty("fit_intercept").GetBoolean(),
                e.GetProperty("objective").GetDouble(),
                e.GetProperty("tool").GetString()!));
        }
        return list;
    }

    /// <summary>Whether the case's data file is available here (shared data may be absent).</summary>
    public bool Available => ResolvePath() is not null;

    private string? ResolvePath()
    {
        if (Data.StartsWith("shared:", StringComparison.Ordinal) && DatasetLocator.SharedRoot() is null) return null;
        string p = ReferenceFiles.DataPath(Data);
        return File.Exists(p) ? p : null;
    }

    /// <summary>The data and the labels in the peers' convention (binary: larger original label = +1, else −1).</summary>
    public (CsrMatrix X, double[] Y) LoadBinaryOrRegression(bool binary)
    {
        var ds = SvmlightReader.Read(ResolvePath()!);
        double[] y = ds.Labels.ToArray();
        if (binary)
        {
            double top = y.Max();
            for (int i = 0; i < y.Length; i++) y[i] = y[i] == top ? 1.0 : -1.0;
        }
        return (ds.Features, y);
    }

    /// <summary>The data and class indices (classes = sorted unique labels).</summary>
    public (CsrMatrix X, int[] Y, int Classes) LoadMulticlass()
    {
        var ds = SvmlightReader.Read(ResolvePath()!);
        double[] classes = ds.Labels.Distinct().Order().ToArray();
        int[] y = ds.Labels.Select(v => Array.BinarySearch(classes, v)).ToArray();
        return (ds.Features, y, classes.Length);
    }
}
