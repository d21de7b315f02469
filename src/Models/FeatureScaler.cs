using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>
/// Standardises features as scikit-learn's <c>StandardScaler</c>: x'_ij = (x_ij − μ_j)/s_j with the (weighted) column
/// means μ_j and standard deviations s_j = √(Σc_i(x_ij − μ_j)²/Σc_i) of the data it was fitted on (a constant column keeps
/// s_j = 1). Sparse data are scaled, never centred — centring would fill in every zero — so a CSR or CSC matrix stays
/// sparse with the same pattern; dense data are centred and scaled. <see cref="ToOriginal(double[], double[])"/> maps
/// coefficients fitted on the scaled features back to the original ones (and <see cref="ToScaled"/> the other way), so a
/// model fitted on <see cref="Transform"/>'s output predicts the same from the raw features.
/// </summary>
/// <remarks>The caller's matrix is never modified: <see cref="Transform"/> returns a new matrix of the same storage and
/// backend. The estimators' own standardisation (glmnet's <c>standardize</c>), where offered, does the same inside a fit.</remarks>
public sealed class FeatureScaler
{
    private double[]? _means, _scales;

    /// <summary>Whether to centre: null (default) centres dense data and leaves sparse data uncentred; true with sparse
    /// data is refused (it would densify); false never centres.</summary>
    public bool? Center { get; set; }

    /// <summary>Whether to divide by the standard deviations (default true).</summary>
    public bool Scale { get; set; } = true;

    /// <summary>Whether <see cref="Fit"/> has been called.</summary>
    public bool IsFitted => _means is not null;

    /// <summary>p, the number of features fitted.</summary>
    public int Features => Means.Length;

    /// <summary>μ_j (zeros when not centred), a copy.</summary>
    public double[] Means => (double[])(_means ?? throw NotFitted()).Clone();

    /// <summary>s_j (ones when not scaling), a copy.</summary>
    public double[] Scales => (double[])(_scales ?? throw NotFitted()).Clone();

    /// <summary>Learns μ and s from <paramref name="x"/>; returns this scaler.</summary>
    /// <param name="x">The n×p features: dense, CSR or CSC.</param>
    /// <param name="sampleWeight">Optional n weights c_i ≥ 0 with a positive sum.</param>
    public FeatureScaler Fit(FeatureMatrix x, double[]? sampleWeight = null)
    {
        var map = Stored(x);
        bool center = Center ?? !x.IsSparse;
        if (center && x.IsSparse)
            throw new ArgumentException("Center = true would densify a sparse matrix; sparse features are scaled only (leave Center null or false).", nameof(x));
        double[] c = Weights(sampleWeight, map.Rows);
        int p = map.Columns;
        var (mean, variance) = ColumnMoments.Of(map, c);
        _scales = new double[p];
        for (int j = 0; j < p; j++) _scales[j] = Scale && variance[j] > 0 ? Math.Sqrt(variance[j]) : 1;
        if (!center) Array.Clear(mean);
        _means = mean;
        return this;
    }

    /// <summary>(x − μ)/s as a new matrix of the same storage and backend.</summary>
    /// <param name="x">n×p features with the fitted p.</param>
    public FeatureMatrix Transform(FeatureMatrix x)
    {
        var map = Stored(x);
        double[] mean = _means ?? throw NotFitted(), scale = _scales!;
        if (map.Columns != mean.Length) throw new ArgumentException($"x has {map.Columns} columns; the scaler was fitted on {mean.Length}.", nameof(x));
        switch (map)
        {
            case DenseMatrix dense:
            {
                int n = dense.Rows, p = dense.Columns;
                var data = new double[(long)n * p];
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < p; j++) data[(long)i * p + j] = (dense[i, j] - mean[j]) / scale[j];
                return new DenseMatrix(n, p, data, MatrixLayout.RowMajor, dense.Backend);
            }
            case CsrMatrix csr:
                return new CsrMatrix(csr.Rows, csr.Columns, csr.RowPointers.ToArray(), csr.ColumnIndices.ToArray(),
                    Scaled(csr.Values, csr.ColumnIndices, scale), csr.Backend);
            default:
                var csc = (CscMatrix)map;
                var values = csc.Values.ToArray();
                ReadOnlySpan<int> ptr = csc.ColumnPointers;
                for (int j = 0; j < csc.Columns; j++)
                    for (int t = ptr[j]; t < ptr[j + 1]; t++) values[t] /= scale[j];
                return new CscMatrix(csc.Rows, csc.Columns, ptr.ToArray(), csc.RowIndices.ToArray(), values, csc.Backend);
        }
    }

    /// <summary><see cref="Fit"/> then <see cref="Transform"/>.</summary>
    /// <param name="x">The features.</param>
    /// <param name="sampleWeight">Optional sample weights.</param>
    public FeatureMatrix FitTransform(FeatureMatrix x, double[]? sampleWeight = null) => Fit(x, sampleWeight).Transform(x);

    /// <summary>
    /// Coefficients for the original features from coefficients fitted on the scaled ones: w_j = w'_j/s_j and
    /// b = b' − Σ_j μ_j w'_j/s_j, for m outputs at once (row-major p×m, as <see cref="LinearEstimator.Coefficients"/>).
    /// </summary>
    /// <param name="coefficients">p·m coefficients on the scaled features.</param>
    /// <param name="intercepts">m intercepts on the scaled features.</param>
    public (double[] Coefficients, double[] Intercepts) ToOriginal(double[] coefficients, double[] intercepts) =>
        Map(coefficients, intercepts, toOriginal: true);

    /// <summary>The inverse of <see cref="ToOriginal(double[], double[])"/>: w'_j = w_j·s_j, b' = b + Σ_j μ_j w_j.</summary>
    /// <param name="coefficients">p·m coefficients on the original features.</param>
    /// <param name="intercepts">m intercepts.</param>
    public (double[] Coefficients, double[] Intercepts) ToScaled(double[] coefficients, double[] intercepts) =>
        Map(coefficients, intercepts, toOriginal: false);

    /// <summary><see cref="ToOriginal(double[], double[])"/> for one output.</summary>
    /// <param name="coefficients">p coefficients on the scaled features.</param>
    /// <param name="intercept">The intercept on the scaled features.</param>
    public (double[] Coefficients, double Intercept) ToOriginal(double[] coefficients, double intercept)
    {
        var (w, b) = ToOriginal(coefficients, [intercept]);
        return (w, b[0]);
    }

    private (double[], double[]) Map(double[] coefficients, double[] intercepts, bool toOriginal)
    {
        ArgumentNullException.ThrowIfNull(coefficients);
        ArgumentNullException.ThrowIfNull(intercepts);
        double[] mean = _means ?? throw NotFitted(), scale = _scales!;
        int p = mean.Length, m = intercepts.Length;
        if (m == 0 || coefficients.Length != (long)p * m)
            throw new ArgumentException($"coefficients has {coefficients.Length} values; {p} features × {m} outputs expected.", nameof(coefficients));
        var w = new double[coefficients.Length];
        var b = (double[])intercepts.Clone();
        for (int j = 0; j < p; j++)
            for (int k = 0; k < m; k++)
            {
                double original = toOriginal ? coefficients[j * m + k] / scale[j] : coefficients[j * m + k];
                w[j * m + k] = toOriginal ? original : original * scale[j];
                b[k] += (toOriginal ? -1 : 1) * mean[j] * original;
            }
        return (w, b);
    }

    private static ILinearMap Stored(FeatureMatrix x) => x.Map switch
    {
        DenseMatrix or CsrMatrix or CscMatrix => x.Map,
        var other => throw new ArgumentException($"FeatureScaler works on a dense, CSR or CSC matrix; {other.GetType().Name} is none (read the data into memory, or use the estimator's own standardisation).", nameof(x)),
    };

    private static double[] Weights(double[]? sampleWeight, int n)
    {
        if (sampleWeight is null) { var ones = new double[n]; Array.Fill(ones, 1.0); return ones; }
        if (sampleWeight.Length != n) throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values; x has {n} rows.", nameof(sampleWeight));
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            if (!(double.IsFinite(sampleWeight[i]) && sampleWeight[i] >= 0))
                throw new ArgumentException($"sampleWeight[{i}] = {sampleWeight[i]}; weights must be finite and ≥ 0.", nameof(sampleWeight));
            sum += sampleWeight[i];
        }
        if (!(sum > 0)) throw new ArgumentException("sampleWeight sums to 0.", nameof(sampleWeight));
        return sampleWeight;
    }

    private static double[] Scaled(ReadOnlySpan<double> values, ReadOnlySpan<int> columns, double[] scale)
    {
        var result = new double[values.Length];
        for (int t = 0; t < result.Length; t++) result[t] = values[t] / scale[columns[t]];
        return result;
    }

    private static InvalidOperationException NotFitted() => new("This FeatureScaler is not fitted; call Fit first.");
}
