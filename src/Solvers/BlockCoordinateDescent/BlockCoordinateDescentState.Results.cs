namespace OptSuite.Solvers;

internal sealed partial class BlockCoordinateDescentState<TLoss, TReg>
{
    /// <inheritdoc/>
    public bool HasConverged(double tolerance)
    {
        bool due = _epochs == 0 || _epochs % _options.GapCheckEvery == 0 || _kkt <= Math.Sqrt(tolerance) * _kkt0;
        if (!due) return false;
        Pack();
        double gap = _objective.DualityGap(_packed);
        _functions++;
        Criterion = ProximalGradientState.RelativeGap(gap, CurrentValue());
        return Criterion <= tolerance;
    }

    /// <summary>F from the maintained derivatives / scores (no pass over X): Σa_iℓ + (μ/2)‖W‖² + R(W).</summary>
    private double CurrentValue()
    {
        double loss = 0;
        int k = _k;
        for (int i = 0; i < _a.Length; i++)
        {
            double s = 0;
            for (int c = 0; c < k; c++)
            {
                int ic = i * k + c;
                s += Squared ? 0.5 * _d[ic] * _d[ic] : _loss.Value(_y[ic], _z[ic]);
            }
            loss += _a[i] * s;
        }
        return loss + 0.5 * _mu * Vec.Dot(_w, _w) + _reg.Value(_w);
    }

    private void Pack()
    {
        Flush();
        _w.AsSpan().CopyTo(_packed);
        if (_intercept) _b.AsSpan().CopyTo(_packed.AsSpan(_w.Length));
    }

    /// <inheritdoc/>
    public double Objective()
    {
        Pack();
        return _objective.Value(_packed) + _objective.NonsmoothValue(_packed);
    }

    /// <inheritdoc/>
    public double DualityGap()
    {
        Pack();
        return _objective.DualityGap(_packed);
    }

    /// <summary>The result for <paramref name="outcome"/>: Solution packs W (row-major) then b, as the objective does.</summary>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        double gap = DualityGap();
        return outcome.ToResult(_packed.ToArray(), Objective(), Criterion, gap, Counts, _intercept ? _b.ToArray() : []);
    }
}
