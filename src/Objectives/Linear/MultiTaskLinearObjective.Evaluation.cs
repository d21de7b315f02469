using System.Numerics.Tensors;

namespace OptSuite.Objectives;

public sealed partial class MultiTaskLinearObjective<TReg>
{
    /// <summary>The residual XW + 1bᵀ − Y, task-major, into the residual buffer.</summary>
    private void ComputeResidual(ReadOnlySpan<double> x)
    {
        int n = Samples, p = Features, k = Tasks;
        Span<double> column = _columnP;
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < p; j++) column[j] = x[j * k + c];
            Span<double> r = _residual.AsSpan(c * n, n);
            _a.Apply(column, r);
            double b = FitIntercept ? x[WeightCount + c] : 0.0;
            for (int i = 0; i < n; i++) r[i] += b - _targets[i * k + c];
        }
    }

    /// <summary>Σ_i a_i ½‖r_i‖² over the current residual.</summary>
    private double DataTerm()
    {
        if (_weights is null) return 0.5 * _uniformWeight * TensorPrimitives.Dot(_residual, _residual);
        int n = Samples;
        double sum = 0;
        for (int c = 0; c < Tasks; c++)
        {
            ReadOnlySpan<double> r = _residual.AsSpan(c * n, n);
            for (int i = 0; i < n; i++) sum += _weights[i] * r[i] * r[i];
        }
        return 0.5 * sum;
    }

    private double RidgeTerm(ReadOnlySpan<double> x) =>
        _ridge == 0 ? 0.0 : 0.5 * _ridge * TensorPrimitives.Dot(x[..WeightCount], x[..WeightCount]);

    /// <summary>f(x) = Σ a_i ½‖y_i − Wᵀx_i − b‖² + (μ/2)‖W‖²_F.</summary>
    /// <param name="x">W row-major, then b.</param>
    public double Value(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        ComputeResidual(x);
        return DataTerm() + RidgeTerm(x);
    }

    /// <summary>f(x) and ∇f(x) = (Xᵀ(a⊙R) + μW, Σ_i a_i r_i) in one pass (k Apply and k ApplyTranspose).</summary>
    /// <param name="x">W row-major, then b.</param>
    /// <param name="gradient">Destination, length <see cref="Dimension"/>.</param>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckLength(x.Length, nameof(x));
        CheckLength(gradient.Length, nameof(gradient));
        ComputeResidual(x);
        double value = DataTerm() + RidgeTerm(x);
        int n = Samples, p = Features, k = Tasks;
        Span<double> column = _columnP;
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> r = _residual.AsSpan(c * n, n);
            ReadOnlySpan<double> weighted = r;
            double alpha = _uniformWeight;
            if (_weights is not null)
            {
                TensorPrimitives.Multiply(r, _weights, _columnN);
                weighted = _columnN;
                alpha = 1.0;
            }
            _a.ApplyTranspose(weighted, column, alpha);
            for (int j = 0; j < p; j++) gradient[j * k + c] = column[j] + _ridge * x[j * k + c];
            if (FitIntercept) gradient[WeightCount + c] = alpha * TensorPrimitives.Sum(weighted);
        }
        return value;
    }

    /// <summary>
    /// L = 1.01 · λ_max(X̃ᵀDX̃) + μ with X̃ = [X, 1] (ones only with intercepts) and D = diag(a): the Hessian of f is
    /// I_k ⊗ X̃ᵀDX̃ (+ μ on W), so the tasks share the single-output constant. Power iteration approaches λ_max from
    /// below, hence the 1 %; computed once, then cached.
    /// </summary>
    public double SmoothLipschitz => _lipschitz ??=
        1.01 * GramSpectrum.TopEigenvalue(_a, _weights, _uniformWeight, FitIntercept, _columnN) + _ridge;

    private double? _lipschitz;

    /// <summary>
    /// The Lipschitz constant of the gradient restricted to each row W_j· (the blocks of L2,1): Σ_i a_i x_ij² + μ,
    /// exact — the Hessian's diagonal block is that number times I_k, so one prox step of length 1/L_j minimises F over
    /// the row exactly. With sample weights the bound max_i a_i · ‖X_j‖² + μ is written instead (as
    /// <see cref="LinearObjective{TLoss, TReg}.CoordinateLipschitz"/> does); block coordinate descent computes the exact
    /// weighted sums itself. Intercept entries get Σ a_i = 1.
    /// </summary>
    /// <param name="destination">Length <see cref="Features"/> (+ 1 with intercepts: the intercepts' shared constant).</param>
    public void BlockLipschitz(Span<double> destination)
    {
        int expected = Features + (FitIntercept ? 1 : 0);
        if (destination.Length != expected)
            throw new ArgumentException($"destination has length {destination.Length}; it needs {expected} (one per feature{(FitIntercept ? " + the intercepts" : "")}).", nameof(destination));
        Span<double> rows = destination[..Features];
        _a.ColumnSquaredNorms(rows);
        double scale = _weights is null ? _uniformWeight : TensorPrimitives.Max(_weights);
        TensorPrimitives.Multiply(rows, scale, rows);
        if (_ridge != 0) TensorPrimitives.Add(rows, _ridge, rows);
        if (FitIntercept) destination[Features] = 1.0;
    }

    /// <summary>R(W).</summary>
    /// <param name="x">W row-major, then b.</param>
    public double NonsmoothValue(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        return _reg.Value(x[..WeightCount]);
    }

    /// <summary>prox of R on W (row-wise block soft-thresholding for L2,1); the intercepts pass through.</summary>
    /// <param name="v">The point to map.</param>
    /// <param name="step">η &gt; 0.</param>
    /// <param name="result">Destination (may alias <paramref name="v"/>).</param>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        CheckLength(v.Length, nameof(v));
        CheckLength(result.Length, nameof(result));
        if (FitIntercept) v[WeightCount..].CopyTo(result[WeightCount..]);
        return _reg.Prox(v[..WeightCount], step, result[..WeightCount]);
    }

    /// <inheritdoc/>
    public bool HasNonsmoothPart => !SmoothObjectiveView.IsZero(_reg);

    /// <summary>The whole objective f + R as one smooth function for L-BFGS (R differentiable: none or squared L2).</summary>
    public IDifferentiableFunction AsSmooth() => SmoothObjectiveView.Create(this, WeightCount, _reg);
}
