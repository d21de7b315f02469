using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Objectives;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Solvers;

/// <summary>The buffers and one step of <see cref="TrustRegionNewton"/>; see there for the method and criterion.</summary>
/// <remarks>The trust-region iteration itself is <see cref="TrustRegion"/>; this state supplies F, ∇F, the Jacobi
/// preconditioner and Hessian–vector products Xᵀ(a⊙ℓ″⊙Xv) + μv of the single-output objective.</remarks>
/// <typeparam name="TLoss">A loss with a (generalised) second derivative.</typeparam>
public sealed class TrustRegionNewtonState<TLoss> : ISolverState, ITrustRegionModel, ICheckpointable
    where TLoss : struct, ILoss
{
    private readonly LinearObjective<TLoss, ZeroRegularizer> _f;
    private readonly ILinearMap _data;
    private readonly TLoss _loss;
    private readonly int _n, _p, _dim;
    private readonly bool _intercept;
    private readonly double _mu, _mix;
    private readonly double[] _a, _y;
    private readonly double[] _curv, _u, _xv;
    private readonly TrustRegion _region;
    private readonly SampleSums _sums;
    private double[]? _reduction;   // distributed rows: the values one gradient or Hessian product all-reduces
    private long _checkedAt = -1;   // the accepted step the last gap was computed at
    private double _checkedGap;

    /// <summary>Prepares a run from <paramref name="x0"/> (w then b; zeros when empty; copied, never modified).</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="x0">Starting point.</param>
    /// <param name="options">Options.</param>
    public TrustRegionNewtonState(LinearObjective<TLoss, ZeroRegularizer> objective, ReadOnlySpan<double> x0, TrustRegionNewtonOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _loss = objective.Loss;
        if (!_loss.IsTwiceDifferentiable && !double.IsFinite(_loss.Smoothness))
            throw new ArgumentException($"Trust-region Newton needs a loss with a second derivative; {typeof(TLoss).Name} has none.", nameof(objective));
        _f = objective;
        _data = objective.Data;
        _n = objective.Samples;
        _p = objective.Features;
        _dim = objective.Dimension;
        _intercept = objective.FitIntercept;
        _mu = objective.Ridge;
        _mix = options.PreconditionerWeight;
        _sums = objective.Sums;
        _a = objective.SampleWeights.IsEmpty && _n > 0 && objective.SamplesOverAllRanks > 0
            ? Enumerable.Repeat(1.0 / objective.SamplesOverAllRanks, _n).ToArray()
            : objective.SampleWeights.ToArray();
        _y = objective.Labels.ToArray();
        _curv = new double[_n];
        _u = new double[_n];
        _xv = new double[_n];
        _region = new TrustRegion(this, StartingPoint.Copy(x0, _dim), _n, options);
    }

    /// <inheritdoc/>
    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public EvaluationCounts Counts => new(_region.Functions, _region.Gradients + _region.HessianProducts, 0);

    /// <summary>Hessian–vector products so far (each one product and one transposed product over the data).</summary>
    public long HessianProducts => _region.HessianProducts;

    /// <inheritdoc/>
    public StepOutcome Step() => _region.Step();

    /// <inheritdoc/>
    public SolverCheckpoint Capture(int iteration) => new()
    {
        Solver = "newton", Iteration = iteration,
        Vectors = new Dictionary<string, double[]> { ["x"] = _region.X.ToArray() },
        Numbers = new Dictionary<string, double> { ["radius"] = _region.Radius, ["steps"] = _region.Steps },
    };

    /// <inheritdoc/>
    public void Restore(SolverCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Require("newton");
        _region.Restart(checkpoint.Vector("x", _dim), checkpoint.Number("radius"), (int)checkpoint.Number("steps"));
        _checkedAt = -1;
    }

    /// <summary>z = Xw + b + o into <paramref name="z"/>; returns F at <paramref name="x"/>.</summary>
    double ITrustRegionModel.Scores(ReadOnlySpan<double> x, Span<double> z)
    {
        _data.Apply(x[.._p], z);
        if (_intercept)
        {
            double b = x[_p];
            for (int i = 0; i < _n; i++) z[i] += b;
        }
        _f.AddOffset(z);
        double loss = LossBatch.Sum(_loss, _y, z, _a);
        return _sums.Sum(loss) + 0.5 * _mu * Vec.Dot(x[.._p], x[.._p]);
    }

    /// <summary>∇F, the curvatures a_i·ℓ″_i and the preconditioner at (x, z).</summary>
    void ITrustRegionModel.Gradient(ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> g, Span<double> m)
    {
        // One pass (the logistic loss: one exponential per row for both, vectorised).
        LossBatch.DerivativesAndCurvatures(_loss, _y, z, _a, _u, _curv);
        double gb = 0, hb = 0;
        for (int i = 0; i < _n; i++)
        {
            gb += _u[i];
            hb += _curv[i];
        }
        if (_data is IDistributedMap { Communicator.Size: > 1 } distributed)
        {
            DistributedGradient(distributed, x, g, m, gb, hb);
            return;
        }
        _data.ApplyTranspose(_u, g[.._p]);
        for (int j = 0; j < _p; j++) g[j] += _mu * x[j];
        if (_intercept)
        {
            (gb, hb) = _sums.Sum(gb, hb);
            g[_p] = gb;
        }

        // (1 − α)μ + α·diag(H), diag(H)_j = μ + Σ_i a_i ℓ″_i x_ij² (1 where the data give no entry access).
        if (TrustRegion.WeightedColumnSquares(_data, _curv, 1, m[.._p]))
            TrustRegion.MixPreconditioner(m[.._p], _mu, _mu, _mix);
        else m[.._p].Fill(1);
        if (_intercept) m[_p] = TrustRegion.Mixed(hb, 0, _mu, _mix);
    }

    /// <summary>On distributed rows: this rank's parts of Xᵀu, the preconditioner's column sums, the intercept's
    /// derivative and curvature, and a flag, then one all-reduce of 2p + 3 doubles.</summary>
    private void DistributedGradient(IDistributedMap distributed, ReadOnlySpan<double> x, Span<double> g, Span<double> m, double gb, double hb)
    {
        Span<double> parts = _reduction ??= new double[2 * _p + 3];
        distributed.Local.ApplyTranspose(_u, parts[.._p]);
        bool columns = TrustRegion.WeightedColumnSquares(distributed.Local, _curv, 1, parts.Slice(_p, _p));
        parts[2 * _p] = gb;
        parts[2 * _p + 1] = hb;
        parts[2 * _p + 2] = columns ? 0 : 1;
        distributed.Communicator.AllReduceSum(parts);
        for (int j = 0; j < _p; j++) g[j] = parts[j] + _mu * x[j];
        if (parts[2 * _p + 2] == 0)
        {
            parts.Slice(_p, _p).CopyTo(m);
            TrustRegion.MixPreconditioner(m[.._p], _mu, _mu, _mix);
        }
        else m[.._p].Fill(1);   // some rank's rows give no entry access: every rank falls back alike
        if (_intercept)
        {
            g[_p] = parts[2 * _p];
            m[_p] = TrustRegion.Mixed(parts[2 * _p + 1], 0, _mu, _mix);
        }
    }

    /// <summary>Hv for the Newton model at the point of the last gradient (one pass over the data, see
    /// <see cref="FusedProducts.WeightedGram"/>; on distributed rows this rank's pass and one all-reduce of p + 1 doubles).</summary>
    void ITrustRegionModel.HessianTimes(ReadOnlySpan<double> v, Span<double> hv)
    {
        double vb = _intercept ? v[_p] : 0;
        if (_data is IDistributedMap { Communicator.Size: > 1 } distributed)
        {
            Span<double> parts = (_reduction ??= new double[2 * _p + 3]).AsSpan(0, _p + 1);
            parts[_p] = FusedProducts.WeightedGram(distributed.Local, _curv, v[.._p], vb, _xv, parts[.._p]);
            distributed.Communicator.AllReduceSum(parts);
            for (int j = 0; j < _p; j++) hv[j] = parts[j] + _mu * v[j];
            if (_intercept) hv[_p] = parts[_p];
            return;
        }
        double sum = FusedProducts.WeightedGram(_data, _curv, v[.._p], vb, _xv, hv[.._p]);
        for (int j = 0; j < _p; j++) hv[j] += _mu * v[j];
        if (_intercept) hv[_p] = _sums.Sum(sum);
    }

    /// <inheritdoc/>
    public bool HasConverged(double tolerance)
    {
        if (_region.NonFinite) return false;
        Criterion = ProximalGradientState.RelativeGap(DualityGap(), _region.Value);
        return Criterion <= tolerance;
    }

    /// <inheritdoc/>
    /// <remarks>From the scores z = Xw + b formed when the point was accepted: no product.</remarks>
    public double Objective() => _f.TotalValue(_region.X, _region.Z);

    /// <inheritdoc/>
    /// <remarks>
    /// The gap at the dual point u = ℓ′(z) of the objective. Without an intercept and with μ &gt; 0 it is
    /// ‖∇F(w)‖²/(2μ), read off the gradient the step already holds: ℓ′ is a (sub)gradient, so the Fenchel–Young
    /// equality ℓ(z_i) + ℓ*(u_i) = u_i·z_i turns F(w) − D(u) = Σa_i(ℓ(z_i) + ℓ*(u_i)) + (μ/2)‖w‖² + ‖Xᵀ(a⊙u)‖²/(2μ)
    /// into ‖Xᵀ(a⊙u) + μw‖²/(2μ) (offsets cancel the same way) — no pass over the data and no conjugate, and free of the
    /// cancellation of F − D near the optimum. With an intercept the dual point is balanced first (Σa_i u_i = 0), which
    /// breaks the equality: then the objective's gap from the current scores (one transposed product). Not again at a
    /// point already checked.
    /// </remarks>
    public double DualityGap()
    {
        if (_checkedAt == _region.Moves) return _checkedGap;
        if (!_intercept && _mu > 0)
        {
            ReadOnlySpan<double> g = _region.CurrentGradient;
            _checkedGap = Vec.Dot(g, g) / (2 * _mu);
        }
        else _checkedGap = _f.DualityGap(_region.X, _region.Z, _region.Scratch[.._p]);
        _checkedAt = _region.Moves;
        return _checkedGap;
    }

    /// <summary>The result for <paramref name="outcome"/>.</summary>
    /// <param name="outcome">What the run loop returned.</param>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.ToResult(_region.X.ToArray(), Objective(), Criterion, DualityGap(), Counts);
    }
}
