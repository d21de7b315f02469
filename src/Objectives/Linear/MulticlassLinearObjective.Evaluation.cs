using System.Numerics.Tensors;

namespace OptSuite.Objectives;

public sealed partial class MulticlassLinearObjective<TLoss, TReg>
{
    /// <summary>S = AW + 1bᵀ, class-major.</summary>
    private void ComputeScores(ReadOnlySpan<double> x)
    {
        int n = Samples, p = Features, k = Classes;
        Span<double> column = _column.AsSpan(0, p);
        for (int c = 0; c < k; c++)
        {
            for (int j = 0; j < p; j++) column[j] = x[j * k + c];
            Span<double> s = _scores.AsSpan(c * n, n);
            _a.Apply(column, s);
            if (FitIntercept && x[WeightCount + c] != 0) TensorPrimitives.Add(s, x[WeightCount + c], s);
        }
    }

    private double RidgeTerm(ReadOnlySpan<double> x) =>
        _ridge == 0 ? 0.0 : 0.5 * _ridge * TensorPrimitives.Dot(x[..WeightCount], x[..WeightCount]);

    /// <summary>Σ a_i ℓ(y_i, s_i) (+ gradients a_i∇ℓ into the class-major residual when asked).</summary>
    private double DataTerm(bool gradient)
    {
        int n = Samples, k = Classes;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++) _sample[c] = _scores[c * n + i];
            double a = SampleWeight(i);
            if (gradient)
            {
                sum += a * _loss.ValueAndGradient(_labels[i], _sample, _sampleGrad);
                for (int c = 0; c < k; c++) _residual[c * n + i] = a * _sampleGrad[c];
            }
            else
            {
                sum += a * _loss.Value(_labels[i], _sample);
            }
        }
        return sum;
    }

    /// <summary>f(x) = Σ a_i ℓ(y_i, s_i) + (μ/2)‖W‖²_F.</summary>
    /// <param name="x">W row-major, then b.</param>
    public double Value(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        ComputeScores(x);
        return DataTerm(gradient: false) + RidgeTerm(x);
    }

    /// <summary>f(x) and ∇f(x) (k Apply and k ApplyTranspose products).</summary>
    /// <param name="x">W row-major, then b.</param>
    /// <param name="gradient">Destination, length <see cref="Dimension"/>.</param>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckLength(x.Length, nameof(x));
        CheckLength(gradient.Length, nameof(gradient));
        ComputeScores(x);
        double value = DataTerm(gradient: true) + RidgeTerm(x);
        int n = Samples, p = Features, k = Classes;
        Span<double> column = _column.AsSpan(0, p);
        for (int c = 0; c < k; c++)
        {
            ReadOnlySpan<double> r = _residual.AsSpan(c * n, n);
            _a.ApplyTranspose(r, column);
            for (int j = 0; j < p; j++) gradient[j * k + c] = column[j] + _ridge * x[j * k + c];
            if (FitIntercept) gradient[WeightCount + c] = TensorPrimitives.Sum(r);
        }
        return value;
    }

    /// <summary>
    /// L = 1.01 · L_ℓ · λ_max(ÃᵀDÃ) + μ, with L_ℓ = ½ for softmax cross-entropy losses, 1 for sparsemax and +∞ for
    /// the non-smooth ones; cached.
    /// </summary>
    public double SmoothLipschitz => _lipschitz ??= ComputeLipschitz();

    private double? _lipschitz;

    private double ComputeLipschitz()
    {
        if (!_loss.IsDifferentiable) return double.PositiveInfinity;
        // Softmax losses: ‖diag(q) − qqᵀ‖ ≤ ½. Other differentiable ones (sparsemax: ∇ℓ = sparsemax(s) − e_y, a
        // projection) are 1-smooth.
        double lossSmoothness = typeof(TLoss) == typeof(Multiclass.MultinomialLogisticLoss)
            || typeof(TLoss) == typeof(Multiclass.LabelSmoothingCrossEntropyLoss) ? 0.5 : 1.0;
        return lossSmoothness * 1.01 * GramSpectrum.TopEigenvalue(_a, _weights, _uniformWeight, FitIntercept, _column.AsSpan(0, Samples)) + _ridge;
    }

    /// <summary>R(W).</summary>
    /// <param name="x">W row-major, then b.</param>
    public double NonsmoothValue(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        return _reg.Value(x[..WeightCount]);
    }

    /// <summary>prox of R on W; intercepts pass through.</summary>
    /// <param name="v">The point to map.</param>
    /// <param name="step">η.</param>
    /// <param name="result">Destination (may alias <paramref name="v"/>).</param>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        CheckLength(v.Length, nameof(v));
        CheckLength(result.Length, nameof(result));
        if (FitIntercept) v[WeightCount..].CopyTo(result[WeightCount..]);
        return _reg.Prox(v[..WeightCount], step, result[..WeightCount]);
    }
}
