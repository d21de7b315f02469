using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// The null model of a regularisation path — w = 0 with the intercept b₀ = argmin_b Σ a_i ℓ(y_i, b) — and what a path
/// derives from it: the data-term gradient g = Xᵀ(a ⊙ ℓ′(y, b₀)) at it, λ_max, the null data term (half the null
/// deviance) and the first warm start. The one implementation behind <see cref="CoordinateDescentPath"/>,
/// <see cref="CoordinateDescentPathSession{TLoss}"/> and the model-level paths, for any convex loss.
/// </summary>
/// <remarks>
/// b₀ comes from <see cref="NullIntercept.Fit{TLoss}"/> (0 without an intercept). g is summed with the coordinate-descent
/// engine's own column kernel when the data are in column storage (the path session hands over its CSC copy): λ_max must
/// agree to the last bit with the gradient the first coordinate-descent solve sees, or that solve moves a coordinate by
/// ~1e-16 at λ_max (seen with the managed backend on prostate). Other storage uses the map's transposed product.
/// </remarks>
internal sealed class NullModel
{
    private readonly double[] _gradient;

    private NullModel(double intercept, double dataTerm, double[] gradient, bool fitIntercept)
    {
        Intercept = intercept;
        DataTerm = dataTerm;
        _gradient = gradient;
        FitIntercept = fitIntercept;
    }

    /// <summary>The null model of <paramref name="f"/>'s data, labels, loss, sample weights and intercept (its
    /// regulariser is ignored). The objective has validated all of them.</summary>
    /// <exception cref="InvalidOperationException">The intercept-only model has no minimiser (e.g. a single class).</exception>
    public static NullModel Of<TLoss, TReg>(LinearObjective<TLoss, TReg> f)
        where TLoss : struct, ILoss
        where TReg : struct, IRegularizer
    {
        ReadOnlySpan<double> a = f.SampleWeights, y = f.Labels, o = f.Offset;
        TLoss loss = f.Loss;
        double b = f.FitIntercept ? NullIntercept.Fit(loss, y, a) : 0.0;
        int n = y.Length, p = f.Features;
        double uniform = 1.0 / n;
        if (!o.IsEmpty && f.FitIntercept) b = WithOffset(loss, y, a, o, b);
        var s = new double[n];
        for (int i = 0; i < n; i++) s[i] = (a.IsEmpty ? uniform : a[i]) * loss.Derivative(y[i], b + (o.IsEmpty ? 0 : o[i]));
        var g = new double[p];
        if (f.Data is CscMatrix x)
        {
            ReadOnlySpan<int> ptr = x.ColumnPointers, idx = x.RowIndices;
            ReadOnlySpan<double> val = x.Values;
            for (int j = 0; j < p; j++)
            {
                int start = ptr[j], length = ptr[j + 1] - start;
                g[j] = ColumnKernels.DotAndMagnitude(s, idx.Slice(start, length), val.Slice(start, length)).Sum;
            }
        }
        else f.Data.ApplyTranspose(s, g);
        double dataTerm = o.IsEmpty ? NullIntercept.DataTerm(loss, y, a, b) : Sum(loss, y, a, o, b).Value;
        return new NullModel(b, dataTerm, g, f.FitIntercept);
    }

    /// <summary>b₀ = argmin_b Σ a_i ℓ(y_i, b + o_i) with offsets: damped Newton on the convex one-dimensional function from
    /// <paramref name="start"/> (the intercept without offsets) shifted by the offsets' weighted mean.</summary>
    private static double WithOffset<TLoss>(TLoss loss, ReadOnlySpan<double> y, ReadOnlySpan<double> a, ReadOnlySpan<double> o, double start)
        where TLoss : struct, ILoss
    {
        double mean = 0;
        for (int i = 0; i < o.Length; i++) mean += (a.IsEmpty ? 1.0 / o.Length : a[i]) * o[i];
        double b = start - mean;
        var (value, d1, d2) = Sum(loss, y, a, o, b);
        for (int it = 0; it < 200 && d1 != 0; it++)
        {
            double step = d2 > 0 ? d1 / d2 : Math.Sign(d1);
            double next = b - step;
            var trial = Sum(loss, y, a, o, next);
            for (int h = 0; h < 60 && !(trial.Value <= value); h++) { step *= 0.5; next = b - step; trial = Sum(loss, y, a, o, next); }
            if (!(trial.Value <= value)) break;
            bool done = Math.Abs(step) <= 1e-15 * Math.Max(1.0, Math.Abs(b));
            (b, value, d1, d2) = (next, trial.Value, trial.D1, trial.D2);
            if (done) break;
        }
        return b;
    }

    private static (double Value, double D1, double D2) Sum<TLoss>(TLoss loss, ReadOnlySpan<double> y, ReadOnlySpan<double> a,
        ReadOnlySpan<double> o, double b) where TLoss : struct, ILoss
    {
        double v = 0, d1 = 0, d2 = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double c = a.IsEmpty ? 1.0 / y.Length : a[i], z = b + o[i];
            v += c * loss.Value(y[i], z);
            d1 += c * loss.Derivative(y[i], z);
            d2 += c * loss.SecondDerivative(y[i], z);
        }
        return (v, d1, d2);
    }

    /// <summary>b₀ (0 without an intercept).</summary>
    public double Intercept { get; }

    /// <summary>Σ a_i ℓ(y_i, b₀) (a normalised to sum 1).</summary>
    public double DataTerm { get; }

    /// <summary>Whether the model has an intercept.</summary>
    public bool FitIntercept { get; }

    /// <summary>g = Xᵀ(a ⊙ ℓ′(y, b₀)), the data-term gradient in w at the null model.</summary>
    public ReadOnlySpan<double> Gradient => _gradient;

    /// <summary>The first warm start of a path: (w = 0, then b₀ when there is an intercept), a fresh array.</summary>
    public double[] StartPoint()
    {
        var x = new double[_gradient.Length + (FitIntercept ? 1 : 0)];
        if (FitIntercept) x[^1] = Intercept;
        return x;
    }

    /// <summary>
    /// λ_max of λ(α Σ c_j|w_j| + (1 − α)/2‖w‖²): max_j |g_j|/c_j over c_j &gt; 0, divided by max(α, <see cref="LambdaGrid.L1RatioFloor"/>)
    /// (glmnet's convention). For α ≥ the floor it is the smallest λ whose soft-threshold keeps every coordinate of
    /// the null model at 0 as the solvers compute λ·α·c_j (raised by an ulp while rounding leaves it short); 0 when g = 0.
    /// </summary>
    /// <param name="alpha">The L1 share α ∈ [0, 1].</param>
    /// <param name="factors">Penalty factors c_j ≥ 0, or empty for all 1.</param>
    public double LambdaMax(double alpha, ReadOnlySpan<double> factors = default)
    {
        if (!(alpha >= 0 && alpha <= 1)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must lie in [0, 1].");
        ReadOnlySpan<double> g = _gradient;
        double max = 0;
        for (int j = 0; j < g.Length; j++)
        {
            double c = factors.IsEmpty ? 1.0 : factors[j];
            if (c > 0) max = Math.Max(max, Math.Abs(g[j]) / c);
        }
        if (alpha < LambdaGrid.L1RatioFloor) return max / LambdaGrid.L1RatioFloor;
        double lambda = max / alpha;
        for (int j = 0; j < g.Length; j++)
        {
            double c = factors.IsEmpty ? 1.0 : factors[j];
            if (c > 0)
                while (lambda * alpha * c < Math.Abs(g[j])) lambda = Math.BitIncrement(lambda);
        }
        return lambda;
    }
}
