using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>A numeric table read from CSV: features X (row-major), the optional target y and the column names.</summary>
public sealed class CsvTable
{
    /// <summary>Creates a table; <paramref name="featureNames"/> must have one name per column of <paramref name="features"/>.</summary>
    public CsvTable(DenseMatrix features, double[]? target, IReadOnlyList<string> featureNames, string? targetName)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Count != features.Columns)
            throw new ArgumentException($"featureNames has {featureNames.Count} names for {features.Columns} columns.", nameof(featureNames));
        if (target is not null && target.Length != features.Rows)
            throw new ArgumentException($"target has length {target.Length}; features has {features.Rows} rows.", nameof(target));
        Features = features;
        Target = target;
        FeatureNames = featureNames;
        TargetName = targetName;
    }

    /// <summary>The feature matrix X (rows = examples).</summary>
    public DenseMatrix Features { get; }

    /// <summary>The target column y, or null when none was requested.</summary>
    public double[]? Target { get; }

    /// <summary>Feature column names (from the header, or "x1", "x2", ... without one).</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The target column's name, or null.</summary>
    public string? TargetName { get; }
}
