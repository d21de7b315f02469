using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;
using OptSuite.Prox;

namespace OptSuite.Objectives;

/// <summary>
/// jaxopt's <c>multiclass_linear_svm_dual</c>: f(β) = (1/(2λ))‖Xᵀ(Y − β)‖²_F + ⟨β, Y − 1⟩ over β ∈ ℝ^{n×k} (row-major)
/// with every row on the probability simplex (g = that indicator, prox = row-wise simplex projection).
/// </summary>
/// <remarks>
/// <para><b>λ convention (jaxopt's, not the rest of OptSuite's).</b> Here λ = <c>l2reg</c> multiplies the SUM over
/// samples: f is minus the dual of P(W) = Σ_i ℓ_CS(y_i, Wᵀx_i) + (λ/2)‖W‖²_F, with W(β) = Xᵀ(Y − β)/λ, as in jaxopt's
/// <c>multiclass_linear_svm_dual(beta, l2reg, ...)</c>. Every other OptSuite objective and estimator (and jaxopt's
/// own <c>l2_multiclass_logreg</c>) uses the MEAN, (1/n)Σ_i ℓ_CS + (λ'/2)‖W‖²_F (<see cref="Objective.CrammerSinger"/>, <c>MulticlassSvm</c> with
/// <c>FitIntercept = false</c>). The two have the same minimiser W when <b>λ' = l2reg/n</b> (LIBLINEAR's C = 1/l2reg;
/// <c>MulticlassSvm { Lambda = l2reg/n }</c> or <c>{ C = 1/l2reg }</c>); their values are P/n and the optimal
/// f(β*) = −n·P'*. The duality gap is P(W(β)) + f(β) ≥ 0 (n times the mean-form gap).</para>
/// <para>The Crammer–Singer dual variables α of LIBLINEAR -s 4 (bounds C = 1/l2reg) are α = (Y − β)/λ, i.e.
/// β = Y − λα, with the same W = Xᵀα; <c>BlockCoordinateDescent.Minimize</c> solves f by that sequential dual method.</para>
/// </remarks>
public sealed class MulticlassSvmDualObjective : ICompositeFunction
{
    private readonly ILinearMap _x;
    private readonly int[] _y;
    private readonly int _k;
    private readonly double _lambda;
    private readonly double[] _v;       // Xᵀ(Y − β), p×k row-major
    private readonly double[] _columnN, _columnP, _max, _own;
    private double? _lipschitz;

    /// <summary>Builds the objective.</summary>
    /// <param name="x">The n×p data.</param>
    /// <param name="labels">Class indices 0..k−1.</param>
    /// <param name="classes">k ≥ 2.</param>
    /// <param name="l2reg">λ &gt; 0 in jaxopt's sum-form convention above: n times the mean-form λ' of the rest of OptSuite.</param>
    public MulticlassSvmDualObjective(ILinearMap x, ReadOnlySpan<int> labels, int classes, double l2reg)
    {
        ArgumentNullException.ThrowIfNull(x);
        DataChecks.RequireLocal(x, nameof(x), "the Crammer–Singer dual objective");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "At least 2 classes are needed.");
        if (!(l2reg > 0 && double.IsFinite(l2reg))) throw new ArgumentOutOfRangeException(nameof(l2reg), l2reg, "l2reg must be finite and > 0.");
        if (labels.Length != x.Rows) throw new ArgumentException($"There are {labels.Length} labels for {x.Rows} rows of data.", nameof(labels));
        for (int i = 0; i < labels.Length; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentException($"labels[{i}] = {labels[i]} is not a class index in 0..{classes - 1}.", nameof(labels));
        DataChecks.RequireFinite(x, nameof(x));
        _x = x;
        _y = labels.ToArray();
        _k = classes;
        _lambda = l2reg;
        _v = new double[x.Columns * classes];
        _columnN = new double[x.Rows];
        _columnP = new double[x.Columns];
        _max = new double[x.Rows];
        _own = new double[x.Rows];
    }

    /// <inheritdoc/>
    public int Dimension => _y.Length * _k;

    /// <summary>The primal weights W(β) = Xᵀ(Y − β)/λ (p×k row-major) into <paramref name="w"/>.</summary>
    /// <param name="beta">β, n×k row-major.</param>
    /// <param name="w">Destination of length p·k.</param>
    public void PrimalWeights(ReadOnlySpan<double> beta, Span<double> w)
    {
        CheckLength(beta.Length, nameof(beta));
        if (w.Length != _v.Length) throw new ArgumentException($"w needs length {_v.Length}.", nameof(w));
        ComputeV(beta);
        TensorPrimitives.Divide(_v, _lambda, w);
    }

    private void ComputeV(ReadOnlySpan<double> beta)
    {
        int n = _y.Length, p = _x.Columns, k = _k;
        for (int c = 0; c < k; c++)
        {
            for (int i = 0; i < n; i++) _columnN[i] = (_y[i] == c ? 1.0 : 0.0) - beta[i * k + c];
            _x.ApplyTranspose(_columnN, _columnP);
            for (int j = 0; j < p; j++) _v[j * k + c] = _columnP[j];
        }
    }

    private double LinearTerm(ReadOnlySpan<double> beta)
    {
        int k = _k;
        double s = 0;
        for (int i = 0; i < _y.Length; i++)
            for (int c = 0; c < k; c++)
                if (c != _y[i]) s -= beta[i * k + c];
        return s;
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        ComputeV(x);
        return 0.5 / _lambda * TensorPrimitives.Dot(_v, _v) + LinearTerm(x);
    }

    /// <inheritdoc/>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckLength(x.Length, nameof(x));
        CheckLength(gradient.Length, nameof(gradient));
        double value = Value(x);
        int n = _y.Length, p = _x.Columns, k = _k;
        // ∇f = −X·V/λ + (Y − 1).
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < p; j++) _columnP[j] = _v[j * k + c];
            _x.Apply(_columnP, _columnN, -1.0 / _lambda);
            for (int i = 0; i < n; i++) gradient[i * k + c] = _columnN[i] + (_y[i] == c ? 0.0 : -1.0);
        }
        return value;
    }

    /// <summary>λ_max(XXᵀ)/λ by power iteration (×1.01), cached.</summary>
    public double SmoothLipschitz => _lipschitz ??= 1.01 * GramSpectrum.TopEigenvalue(_x, null, 1.0, false, _columnN) / _lambda;

    /// <inheritdoc/>
    /// <remarks>Always true: g is the indicator of the simplex constraints.</remarks>
    public bool HasNonsmoothPart => true;

    /// <summary>0 when every row of β is on the simplex (to 1e-9), +∞ otherwise.</summary>
    /// <param name="x">β.</param>
    public double NonsmoothValue(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        for (int i = 0; i < _y.Length; i++)
        {
            double sum = 0;
            for (int c = 0; c < _k; c++)
            {
                double b = x[i * _k + c];
                if (b < -1e-9) return double.PositiveInfinity;
                sum += b;
            }
            if (Math.Abs(sum - 1) > 1e-9) return double.PositiveInfinity;
        }
        return 0;
    }

    /// <summary>Row-wise Euclidean projection onto the simplex (O(k) expected per row).</summary>
    /// <param name="v">The point.</param>
    /// <param name="step">Ignored (an indicator's prox).</param>
    /// <param name="result">Destination (may alias).</param>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        CheckLength(v.Length, nameof(v));
        CheckLength(result.Length, nameof(result));
        for (int i = 0; i < _y.Length; i++)
            Projections.Simplex(v.Slice(i * _k, _k), 1.0, result.Slice(i * _k, _k));
        return 0;
    }

    /// <inheritdoc/>
    public bool HasDualityGap => true;

    /// <summary>P(W(β)) + f(β) with the sum-form primal; +∞ when β is not feasible.</summary>
    /// <param name="x">β.</param>
    public double DualityGap(ReadOnlySpan<double> x)
    {
        if (double.IsPositiveInfinity(NonsmoothValue(x))) return double.PositiveInfinity;
        double f = Value(x);  // leaves V = Xᵀ(Y − β)
        int n = _y.Length, p = _x.Columns, k = _k;
        double ww = TensorPrimitives.Dot(_v, _v) / (_lambda * _lambda);
        double loss = 0;
        Span<double> max = _max, own = _own;
        max.Fill(double.NegativeInfinity);
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < p; j++) _columnP[j] = _v[j * k + c] / _lambda;
            _x.Apply(_columnP, _columnN);
            for (int i = 0; i < n; i++)
            {
                double s = _columnN[i] + (_y[i] == c ? 0.0 : 1.0);
                if (s > max[i]) max[i] = s;
                if (_y[i] == c) own[i] = _columnN[i];
            }
        }
        for (int i = 0; i < n; i++) loss += max[i] - own[i];
        return loss + 0.5 * _lambda * ww + f;
    }

    /// <summary>The n×p data X.</summary>
    public ILinearMap Data => _x;

    /// <summary>The class indices (a copy made at construction).</summary>
    public ReadOnlySpan<int> Labels => _y;

    /// <summary>k.</summary>
    public int Classes => _k;

    /// <summary>λ of the sum-form primal (n times the mean-form λ').</summary>
    public double L2Reg => _lambda;

    private void CheckLength(int length, string name)
    {
        if (length != Dimension) throw new ArgumentException($"{name} has length {length}; β has {_y.Length}×{_k} = {Dimension} entries.", name);
    }
}
