using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Prox;

namespace OptSuite.Objectives;

public sealed partial class LinearObjective<TLoss, TReg>
{
    /// <summary>z = Aw + b + o into the score buffer.</summary>
    private void ComputeScores(ReadOnlySpan<double> x)
    {
        _a.Apply(W(x), _scores);
        if (FitIntercept)
        {
            double b = x[Features];
            if (b != 0) TensorPrimitives.Add(_scores, b, _scores);
        }
        if (_offset is not null) TensorPrimitives.Add(_scores, _offset, _scores);
    }

    /// <summary>Σ a_i ℓ(y_i, z_i) over the current scores.</summary>
    private double DataTerm() => _sums.Sum(
        _weights is null
            ? LossBatch.Sum(_loss, _labels, _scores) * _uniformWeight
            : LossBatch.Sum(_loss, _labels, _scores, _weights));

    private double RidgeTerm(ReadOnlySpan<double> w) => _ridge == 0 ? 0.0 : 0.5 * _ridge * TensorPrimitives.Dot(w, w);

    /// <summary>The smooth part f(x) = Σ a_i ℓ(y_i, z_i) + (μ/2)‖w‖² (one pass over the data).</summary>
    /// <param name="x">The point (w, then b).</param>
    public double Value(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        ComputeScores(x);
        return DataTerm() + RidgeTerm(W(x));
    }

    /// <summary>f(x) and ∇f(x) in one Apply and one ApplyTranspose (one pass over data read in row blocks; on distributed
    /// rows, this rank's pass and one all-reduce of p + 2 doubles: the gradient's data part, the loss and the intercept's
    /// derivative).</summary>
    /// <param name="x">The point (w, then b).</param>
    /// <param name="gradient">Destination, length <see cref="Dimension"/>.</param>
    public double ValueAndGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        CheckLength(x.Length, nameof(x));
        CheckLength(gradient.Length, nameof(gradient));
        double alpha = _weights is null ? _uniformWeight : 1.0;
        var derivative = new DerivativeTransform(_loss, _labels, _weights, _residual, FitIntercept ? x[Features] : 0, _offset);
        ReadOnlySpan<double> w = W(x);
        Span<double> gw = gradient[..Features];
        if (_a is IDistributedMap { Communicator.Size: > 1 } distributed)
        {
            Span<double> parts = _reduction ??= new double[Features + 2];
            FusedProducts.ApplyThenTranspose(distributed.Local, w, _scores, ref derivative, parts[..Features], alpha, 0);
            parts[Features] = derivative.Sum;
            parts[Features + 1] = FitIntercept ? TensorPrimitives.Sum(_residual) : 0;
            distributed.Communicator.AllReduceSum(parts);
            if (_ridge != 0) TensorPrimitives.MultiplyAdd(w, _ridge, parts[..Features], gw);
            else parts[..Features].CopyTo(gw);
            if (FitIntercept) gradient[Features] = alpha * parts[Features + 1];
            return parts[Features] * alpha + RidgeTerm(w);
        }
        if (_ridge != 0) w.CopyTo(gw);
        FusedProducts.ApplyThenTranspose(_a, w, _scores, ref derivative, gw, alpha, _ridge);
        var (loss, residual) = _sums.Sum(derivative.Sum, FitIntercept ? TensorPrimitives.Sum(_residual) : 0);
        if (FitIntercept) gradient[Features] = alpha * residual;
        return loss * alpha + RidgeTerm(w);
    }

    /// <summary>Scores Aw → the loss derivatives c_i·ℓ′(y_i, z_i) of a row range with z = Aw + b + o, summing c_i·ℓ(y_i, z_i).</summary>
    private ref struct DerivativeTransform(TLoss loss, ReadOnlySpan<double> labels, ReadOnlySpan<double> weights, Span<double> residual, double intercept,
        ReadOnlySpan<double> offset) : IScoreTransform
    {
        private readonly TLoss _loss = loss;
        private readonly ReadOnlySpan<double> _labels = labels, _weights = weights, _offset = offset;
        private readonly Span<double> _residual = residual;
        public double Sum;

        public ReadOnlySpan<double> Transform(int firstRow, Span<double> scores)
        {
            if (intercept != 0) TensorPrimitives.Add(scores, intercept, scores);
            if (!_offset.IsEmpty) TensorPrimitives.Add(scores, _offset.Slice(firstRow, scores.Length), scores);
            Span<double> r = _residual.Slice(firstRow, scores.Length);
            ReadOnlySpan<double> y = _labels.Slice(firstRow, scores.Length);
            Sum += _weights.IsEmpty
                ? LossBatch.ValueAndDerivative(_loss, y, scores, r)
                : LossBatch.ValueAndDerivative(_loss, y, scores, _weights.Slice(firstRow, scores.Length), r);
            return r;
        }
    }

    private double[]? _reduction;   // distributed rows: the p + 2 values one evaluation all-reduces

    /// <summary>An upper bound on the Lipschitz constant of ∇f (computed once by power iteration, then cached).</summary>
    public double SmoothLipschitz => _lipschitz ??= ComputeLipschitz();

    private double? _lipschitz;

    /// <summary>g(x) = R(w).</summary>
    /// <param name="x">The point (w, then b).</param>
    public double NonsmoothValue(ReadOnlySpan<double> x)
    {
        CheckLength(x.Length, nameof(x));
        return _reg.Value(W(x));
    }

    /// <summary>prox of R on w; the intercept passes through unchanged.</summary>
    /// <param name="v">The point to map.</param>
    /// <param name="step">The step η.</param>
    /// <param name="result">Destination (may alias <paramref name="v"/>).</param>
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        CheckLength(v.Length, nameof(v));
        CheckLength(result.Length, nameof(result));
        if (FitIntercept) result[Features] = v[Features];
        return _reg.Prox(v[..Features], step, result[..Features]);
    }
}
