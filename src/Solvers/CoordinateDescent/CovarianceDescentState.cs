using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// The state of <see cref="CovarianceDescent"/>: the one-pass statistics and engine (<see cref="CovariancePath"/>), the
/// point, the per-feature L1 strengths and the certificate from the data.
/// </summary>
internal sealed class CovarianceDescentState<TLoss, TReg> : ISolverState, ICheckpointable
    where TLoss : struct, ILoss
    where TReg : struct, ISeparableRegularizer
{
    private readonly LinearObjective<TLoss, TReg> _f;
    private readonly CovariancePath _engine;
    private readonly DataCertificate _certificate;
    private readonly double[] _point;     // w, then b = ȳ − x̄ᵀw when there is an intercept
    private readonly double[] _lambda1;
    private readonly double[] _means;     // the weighted column means, which the certificate centres by
    private readonly double _mu;
    private readonly int _p;
    private double _share = 0.5;          // the p-space gap's target, as a share of the tolerance
    private int _failed;                  // certificates that did not confirm the p-space gap
    private long _moves, _certifiedAt = -1, _updates;
    private int _certificates;
    private bool _fixedPoint;             // the last sweep changed nothing and found no violator
    private double _gap = double.NaN, _value = double.NaN;

    /// <param name="f">The objective.</param>
    /// <param name="x0">The start (w, then b; only w is used), or empty.</param>
    /// <param name="engine">The statistics of <see cref="BlockedCovariance.Build"/> on f's data, labels and weights.</param>
    /// <param name="means">The weighted column means it gave.</param>
    public CovarianceDescentState(LinearObjective<TLoss, TReg> f, ReadOnlySpan<double> x0, CovariancePath engine, double[] means)
    {
        _f = f;
        _p = f.Features;
        int n = f.Samples;
        _engine = engine;
        _means = means;
        _lambda1 = new double[_p];
        if ((object)f.Regularizer is IWeightedL1Regularizer l1) l1.GetWeights(_lambda1);
        _mu = f.Ridge;
        _point = new double[f.Dimension];
        if (!x0.IsEmpty) x0[.._p].CopyTo(_point);
        _engine.Start(_point.AsSpan(0, _p), default, null);
        _certificate = new DataCertificate(n, _p);
    }

    public double Criterion { get; private set; } = double.PositiveInfinity;

    /// <inheritdoc/>
    public SolverCheckpoint Capture(int iteration) => new()
    {
        Solver = "cd", Iteration = iteration,
        Vectors = new Dictionary<string, double[]> { ["w"] = _point[.._p] },
    };

    /// <inheritdoc/>
    /// <remarks>The coefficients are restored; the statistics were formed again by the resumed run's pass, and the
    /// active set grows again from the restored non-zeros.</remarks>
    public void Restore(SolverCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        checkpoint.Require("cd");
        checkpoint.Vector("w", _p).CopyTo(_point, 0);
        _engine.Start(_point.AsSpan(0, _p), default, null);
        _certifiedAt = -1;
    }

    public EvaluationCounts Counts => new(_certificates, _certificates, _updates);

    /// <summary>One sweep of the active set, then the features violating their optimality condition join it. A sweep that
    /// changes nothing and finds no violator is a fixed point: it is certified from the data at once, and when that
    /// certificate has failed there, no progress is possible.</summary>
    public StepOutcome Step()
    {
        if (_failed >= CovarianceDescent.Certificates) return StepOutcome.NoProgress;
        long updates = _engine.Sweep(_point.AsSpan(0, _p), _lambda1, _mu);
        bool added = _engine.Enlarge(_lambda1);
        _updates += updates;
        if (updates > 0) _moves++;
        if (updates == 0 && !added)
        {
            if (_certifiedAt == _moves) return StepOutcome.NoProgress;
            _fixedPoint = true;
        }
        return StepOutcome.Continue;
    }

    /// <summary>The p-space gap first (O(p)); when it meets its share of the tolerance (or the sweeps stopped moving),
    /// the data's gap decides.</summary>
    public bool HasConverged(double tolerance)
    {
        if (_certifiedAt == _moves) return Criterion <= tolerance;
        double estimate = _engine.RelativeGap(_point.AsSpan(0, _p), _lambda1, _mu);
        Criterion = estimate;
        if (estimate > _share * tolerance && !_fixedPoint) return false;
        _fixedPoint = false;
        Certify();
        if (Criterion <= tolerance) return true;
        _share /= 100;
        _failed++;
        return false;
    }

    public double Objective()
    {
        if (_certifiedAt != _moves) Certify();
        return _value;
    }

    public double DualityGap()
    {
        if (_certifiedAt != _moves) Certify();
        return _gap;
    }

    /// <summary>The gap and value from the data at the current point (one pass).</summary>
    private void Certify()
    {
        if (_f.FitIntercept) _point[_p] = _engine.Intercept(_point.AsSpan(0, _p));
        // β = b + μᵀw is ȳ with the optimal intercept (μ = x̄), μᵀw without one.
        double shift = _f.FitIntercept ? _engine.TargetMean : TensorPrimitives.Dot(_means, _point.AsSpan(0, _p));
        _gap = _certificate.Gap(_f, _point, _means, shift, out _value);
        _certificates++;
        _certifiedAt = _moves;
        Criterion = ProximalGradientState.RelativeGap(_gap, _value);
    }

    public SolverResult ToResult(LoopOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (_certifiedAt != _moves) Certify();
        return outcome.ToResult(_point.ToArray(), _value, Criterion, _gap, Counts, _f.FitIntercept ? [_point[_p]] : []);
    }
}
