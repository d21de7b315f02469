using System.Globalization;
using OptSuite.Models;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Models;

/// <summary>
/// Asserts that an ONNX run agrees with the estimator on the same rows, within the bounds <see cref="OnnxExportTests"/>
/// derives, and keeps the largest errors seen (as fractions of their bounds' scales) for the report.
/// </summary>
internal sealed class OnnxAgreement
{
    private readonly double _scale;   // 1e-12 (float64) or γ_{p+3} (float32): the bound is scale·S_i
    private readonly bool _float32;
    private readonly double[] _sums;  // S_ic = Σ_j |x_ij·w_jc| + |b_c|, row-major n×m
    private readonly int _outputs;

    /// <summary>max |Δ| / S_i over the scores (or linear predictions).</summary>
    public double ScoreError { get; private set; }

    /// <summary>max |Δ| / |reference| over the predictions of a regressor.</summary>
    public double RelativePredictionError { get; private set; }

    /// <summary>max |Δ| over the probabilities.</summary>
    public double ProbabilityError { get; private set; }

    /// <summary>Rows whose label differs, each within rounding of a tie.</summary>
    public int Ties { get; private set; }

    /// <summary>Rows compared.</summary>
    public int Rows { get; }

    public OnnxAgreement(LinearEstimator model, double[,] x, OnnxRun run, OnnxPrecision precision)
    {
        _float32 = precision == OnnxPrecision.Float32;
        _scale = _float32 ? OnnxExportTests.Gamma32(model.FeatureCount + 3) : 1e-12;
        _outputs = model.OutputCount;
        Rows = x.GetLength(0);
        _sums = Sums(model, x);
        switch (model)
        {
            case LinearClassifier c: Classifier(c, x, run); break;
            case MultiTaskLasso t: Scores(Flatten(t.Predict(x)), run.Reals["prediction"], "prediction"); break;
            case LinearRegressor r: Regressor(r, x, run); break;
            case CoxRegression cox: Scores(cox.Predict(x), run.Reals["prediction"], "prediction"); break;
            default: throw new InvalidOperationException(model.GetType().Name);
        }
    }

    private void Classifier(LinearClassifier c, double[,] x, OnnxRun run)
    {
        double[] s = Flatten(c.DecisionFunction(x));
        Scores(s, run.Reals["scores"], "scores");
        int[] expected = c.PredictIndices(x);
        int[] got = run.IntegerLabels is { } ints
            ? ints.Select(v => IndexOf(c.Classes.Values, v)).ToArray()
            : run.TextLabels!.Select(v => IndexOf(c.Classes.Names, v)).ToArray();
        Assert.Equal(expected.Length, got.Length);
        for (int i = 0; i < Rows; i++)
        {
            if (got[i] == expected[i]) continue;
            Assert.True(got[i] >= 0, $"row {i}: the label is not a class");
            // A label may differ only where the reference's two scores are closer than their error bounds.
            double margin = _outputs == 1 ? Math.Abs(s[i]) : s[i * _outputs + expected[i]] - s[i * _outputs + got[i]];
            double bound = _outputs == 1 ? Bound(i, 0) : Bound(i, expected[i]) + Bound(i, got[i]);
            Assert.True(margin <= bound, $"row {i}: label {got[i]}, expected {expected[i]}, scores {margin:R} apart, bound {bound:R}");
            Ties++;
        }
        if (c is LogisticRegression logistic)
        {
            double[] p = Flatten(logistic.PredictProbability(x)), q = run.Reals["probabilities"];
            Assert.Equal(p.Length, q.Length);
            for (int k = 0; k < p.Length; k++)
            {
                double error = Math.Abs(q[k] - p[k]);
                double bound = _float32 ? 1e-6 : 1e-12 * p[k] + Math.Pow(2, -52);
                Assert.True(error <= bound, $"probability {k}: {q[k]:R}, estimator {p[k]:R}");
                ProbabilityError = Math.Max(ProbabilityError, error);
            }
        }
    }

    private void Regressor(LinearRegressor r, double[,] x, OnnxRun run)
    {
        double[] expected = r.Predict(x), got = run.Reals["prediction"];
        Assert.Equal(expected.Length, got.Length);
        if (!OnnxExportTests.LogLink(r))
        {
            Scores(expected, got, "prediction");
        }
        else
        {
            for (int i = 0; i < Rows; i++)
            {
                // e^z's relative error is z's absolute error (plus the float32 Exp's own, a few units).
                double relative = Math.Abs(got[i] - expected[i]) / expected[i];
                Assert.True(relative <= Bound(i, 0) + (_float32 ? 8 / (double)(1 << 24) : 0), $"row {i}: {got[i]:R}, estimator {expected[i]:R}");
                ScoreError = Math.Max(ScoreError, relative / _sums[i]);
            }
        }
        for (int i = 0; i < Rows; i++)
            RelativePredictionError = Math.Max(RelativePredictionError, Math.Abs(got[i] - expected[i]) / Math.Abs(expected[i]));
    }

    private void Scores(double[] expected, double[] got, string name)
    {
        Assert.Equal(expected.Length, got.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            double error = Math.Abs(got[k] - expected[k]);
            int i = k / _outputs, c = k % _outputs;
            Assert.True(error <= Bound(i, c), $"{name}[{i}, {c}]: {got[k]:R}, estimator {expected[k]:R}, bound {Bound(i, c):R}");
            ScoreError = Math.Max(ScoreError, error / _sums[k]);
        }
    }

    private double Bound(int i, int c) => _scale * _sums[i * _outputs + c];

    private static double[] Sums(LinearEstimator model, double[,] x)
    {
        double[] w = model.Coefficients, b = model.Intercepts;
        int n = x.GetLength(0), p = x.GetLength(1), m = model.OutputCount;
        var s = new double[n * m];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < m; c++)
            {
                double sum = Math.Abs(b[c]);
                for (int j = 0; j < p; j++) sum += Math.Abs(x[i, j] * w[j * m + c]);
                s[i * m + c] = sum;
            }
        return s;
    }

    private static int IndexOf(IReadOnlyList<double> values, long v)
    {
        for (int c = 0; c < values.Count; c++) if (values[c] == v) return c;
        return -1;
    }

    private static int IndexOf(IReadOnlyList<string> names, string v)
    {
        for (int c = 0; c < names.Count; c++) if (names[c] == v) return c;
        return -1;
    }

    private static double[] Flatten(double[,] a)
    {
        var flat = new double[a.Length];
        Buffer.BlockCopy(a, 0, flat, 0, a.Length * sizeof(double));
        return flat;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Rows} rows; max |Δ|/S {ScoreError:E2} (bound {_scale:E2}); max relative prediction error {RelativePredictionError:E2}; max |Δp| {ProbabilityError:E2}; label ties {Ties}");
}
