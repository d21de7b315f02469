using Microsoft.ML.Data;
using OptSuite.Models;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// The fitted W (p × m, row-major) and b of an OptSuite model, copied once, and the scores s = Wᵀx + b of one ML.NET
/// feature vector in double precision. Only the entries the vector holds are visited, so a row of a 2²⁰-slot hashed
/// text featurisation costs its few hundred entries, never p.
/// </summary>
internal sealed class LinearScores
{
    private readonly double[] _w;
    private readonly double[] _b;

    public LinearScores(LinearEstimator model)
    {
        _w = model.Coefficients;
        _b = model.Intercepts;
        Features = model.FeatureCount;
        Outputs = model.OutputCount;
    }

    /// <summary>p.</summary>
    public int Features { get; }

    /// <summary>m, the number of score columns of the OptSuite model.</summary>
    public int Outputs { get; }

    /// <summary>s = Wᵀx + b into <paramref name="scores"/> (length m).</summary>
    public void Compute(in VBuffer<float> x, Span<double> scores)
    {
        int m = Outputs;
        _b.CopyTo(scores);
        var values = x.GetValues();
        if (x.IsDense)
        {
            for (int j = 0; j < values.Length; j++) Add(j, values[j], scores, m);
            return;
        }
        var indices = x.GetIndices();
        for (int k = 0; k < values.Length; k++) Add(indices[k], values[k], scores, m);
    }

    private void Add(int j, float v, Span<double> scores, int m)
    {
        if (v == 0) return;
        var row = _w.AsSpan(j * m, m);
        for (int c = 0; c < m; c++) scores[c] += v * row[c];
    }
}
