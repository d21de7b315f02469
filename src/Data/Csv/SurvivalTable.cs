using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>Right-censored survival data read from CSV: features X, a time and an event indicator per row.</summary>
/// <param name="Features">X, n×p row-major (every column but the time and status columns).</param>
/// <param name="Time">n times, finite and &gt; 0.</param>
/// <param name="Status">n indicators: 1 event, 0 censored.</param>
/// <param name="FeatureNames">X's column names.</param>
public sealed record SurvivalTable(DenseMatrix Features, double[] Time, int[] Status, IReadOnlyList<string> FeatureNames);
