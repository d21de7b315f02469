namespace OptSuite.Models;

/// <summary>Options of <see cref="LinearEstimator.ExportOnnx(string, OnnxExportOptions?)"/>.</summary>
public sealed record OnnxExportOptions
{
    /// <summary>
    /// The type of the input "features", of the weights and of the real outputs. Default <see cref="OnnxPrecision.Float32"/>:
    /// the coefficients are rounded to float32 and x·w + b is computed in float32 (about 7 significant digits);
    /// <see cref="OnnxPrecision.Float64"/> keeps them as fitted and agrees with the estimator's own predictions to
    /// rounding (about 1e-15 relative to Σ|x_j·w_j| + |b|).
    /// </summary>
    public OnnxPrecision Precision { get; init; } = OnnxPrecision.Float32;
}
