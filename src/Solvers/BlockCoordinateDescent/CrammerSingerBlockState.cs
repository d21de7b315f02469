using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// Block coordinate descent on jaxopt's <c>multiclass_linear_svm_dual</c> (<see cref="MulticlassSvmDualObjective"/>):
/// one row β_i of the n×k dual at a time, projected onto the simplex.
/// </summary>
/// <remarks>
/// f(β) = (1/(2λ))‖V‖²_F + ⟨β, Y − 1⟩ with V = Xᵀ(Y − β) kept up to date (p×k). The block gradient is
/// ∇_i f = −Vᵀx_i/λ + e_{y_i} − 1 and the block Hessian (‖x_i‖²/λ)·I_k, so the step
/// β_i ← Π_Δ(β_i − (λ/‖x_i‖²)∇_i f) with the simplex projection Π_Δ minimises f over the block exactly — the update of
/// jaxopt.BlockCoordinateDescent(fun = multiclass_linear_svm_dual, block_prox = prox.projection_simplex) and the
/// sub-problem of Keerthi et al. (2008) in the variables α_i = C(e_{y_i} − β_i). Rows with x_i = 0 are solved once
/// (β_i = e_c for some c ≠ y_i: with x_i = 0 only −Σ_{c≠y_i} β_ic remains). Stopping criterion: the relative duality gap (P(W(β)) + f(β))/|f(β)| with the sum-form primal
/// P of the objective's remarks, every <see cref="BlockCoordinateDescentOptions.GapCheckEvery"/> epochs or sooner when
/// the epoch's largest block step (in the block metric) has dropped below √tol times the first epoch's.
/// </remarks>
internal sealed class CrammerSingerBlockState : ISolverState
{
    private readonly MulticlassSvmDualObjective _objective;
    private readonly BlockCoordinateDescentOptions _options;
    private readonly CsrMatrix _x;
    private readonly int[] _y;
    private readonly int _k;
    private readonly double _lambda;
    private readonly double[] _beta, _v, _sq, _s, _next;
    private readonly int[] _order;
    private readonly int _count;
    private readonly Random _rng;
    private int _epochs;
    private double _kkt, _kkt0 = double.NaN;
    private long _updates, _passes;

    public CrammerSingerBlockState(MulticlassSvmDualObjective objective, ReadOnlySpan<double> x0, BlockCoordinateDescentOptions options)
    {
        options.Validate();
        _objective = objective;
        _options = options;
        _x = RowMajorSparse.From(objective.Data);
        _y = objective.Labels.ToArray();
        _k = objective.Classes;
        _lambda = objective.L2Reg;
        int n = _y.Length, p = _x.Columns, k = _k;
        _beta = StartingPoint.Copy(x0, objective.Dimension);
        _sq = new double[n];
        _x.RowSquaredNorms(_sq);
        _order = new int[n];
        for (int i = 0; i < n; i++)
        {
            Span<double> bi = _beta.AsSpan(i * k, k);
            if (_sq[i] == 0)
            {
                // f does not see β_i beyond ⟨β_i, e_{y_i} − 1⟩ = −Σ_{c≠y_i} β_ic: any β_i with β_{i,y_i} = 0 minimises it.
                bi.Clear();
                bi[(_y[i] + 1) % k] = 1.0;
            }
            else if (x0.IsEmpty)
            {
                bi.Clear();
                bi[_y[i]] = 1.0;   // β_i = e_{y_i} (α_i = 0, W = 0)
            }
            else
            {
                Projections.Simplex(bi, 1.0, bi);   // a warm start is made feasible
            }
            if (_sq[i] > 0) _order[_count++] = i;
        }
        // V = Xᵀ(Y − β).
        _v = new double[p * k];
        var u = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int c = 0; c < k; c++) u[c] = (c == _y[i] ? 1.0 : 0.0) - _beta[i * k + c];
            AddRowOuter(i, u, 1.0);
        }
        _s = new double[k];
        _next = new double[k];
        _rng = new Random(options.Seed);
    }

    public double Criterion { get; private set; } = double.PositiveInfinity;

    public EvaluationCounts Counts => new(_passes, _epochs, _updates);

    /// <summary>V += α·x_i uᵀ.</summary>
    private void AddRowOuter(int i, ReadOnlySpan<double> u, double alpha)
    {
        ReadOnlySpan<int> ptr = _x.RowPointers, cols = _x.ColumnIndices;
        ReadOnlySpan<double> val = _x.Values;
        int k = _k;
        for (int t = ptr[i]; t < ptr[i + 1]; t++)
        {
            double xv = alpha * val[t];
            Span<double> vj = _v.AsSpan(cols[t] * k, k);
            for (int c = 0; c < k; c++) vj[c] += xv * u[c];
        }
    }

    /// <summary>s = Vᵀx_i.</summary>
    private void RowScores(int i, Span<double> s)
    {
        ReadOnlySpan<int> ptr = _x.RowPointers, cols = _x.ColumnIndices;
        ReadOnlySpan<double> val = _x.Values;
        int k = _k;
        s.Clear();
        for (int t = ptr[i]; t < ptr[i + 1]; t++)
        {
            double xv = val[t];
            ReadOnlySpan<double> vj = _v.AsSpan(cols[t] * k, k);
            for (int c = 0; c < k; c++) s[c] += xv * vj[c];
        }
    }

    public StepOutcome Step()
    {
        _epochs++;
        if (_options.Order == CoordinateOrder.Random)
            for (int o = 0; o < _count - 1; o++)
            {
                int r = o + _rng.Next(_count - o);
                (_order[o], _order[r]) = (_order[r], _order[o]);
            }
        int k = _k;
        Span<double> s = _s, next = _next;
        _kkt = 0;
        for (int o = 0; o < _count; o++)
        {
            int i = _order[o], y = _y[i];
            Span<double> bi = _beta.AsSpan(i * k, k);
            RowScores(i, s);
            // β_i − ∇_i f / L_i with L_i = ‖x_i‖²/λ and ∇_i f = −s/λ + e_y − 1.
            double lipschitz = _sq[i] / _lambda, step = 1.0 / lipschitz;
            for (int c = 0; c < k; c++) next[c] = bi[c] - step * (-s[c] / _lambda + (c == y ? 0.0 : -1.0));
            Projections.Simplex(next, 1.0, next);
            double moved = 0;
            for (int c = 0; c < k; c++)
            {
                double d = next[c] - bi[c];
                moved += d * d;
                s[c] = -d;   // reuse: (Y − β) changes by −δ
            }
            if (moved == 0) continue;
            _kkt = Math.Max(_kkt, Math.Sqrt(moved * lipschitz));
            _updates++;
            next.CopyTo(bi);
            AddRowOuter(i, s, 1.0);
        }
        if (double.IsNaN(_kkt0)) _kkt0 = _kkt;
        return Vec.AllFinite(_v) ? StepOutcome.Continue : StepOutcome.NonFinite;
    }

    public bool HasConverged(double tolerance)
    {
        bool due = _epochs == 0 || _epochs % _options.GapCheckEvery == 0 || _kkt <= Math.Sqrt(tolerance) * _kkt0;
        if (!due) return false;
        (double dual, double gap) = Evaluate();
        Criterion = ProximalGradientState.RelativeGap(gap, dual);
        return Criterion <= tolerance;
    }

    /// <summary>f(β) and the gap P(W) + f(β), W = V/λ, from the maintained V in one pass over the rows.</summary>
    private (double Dual, double Gap) Evaluate()
    {
        int n = _y.Length, k = _k;
        double vv = Vec.Dot(_v, _v), linear = 0, loss = 0;
        Span<double> s = _s;
        for (int i = 0; i < n; i++)
        {
            int y = _y[i];
            for (int c = 0; c < k; c++) if (c != y) linear -= _beta[i * k + c];
            RowScores(i, s);
            double max = double.NegativeInfinity;
            for (int c = 0; c < k; c++) max = Math.Max(max, s[c] / _lambda + (c == y ? 0.0 : 1.0));
            loss += max - s[y] / _lambda;
        }
        _passes++;
        double dual = 0.5 * vv / _lambda + linear;
        double primal = loss + 0.5 * vv / _lambda;
        return (dual, primal + dual);
    }

    public double Objective() => Evaluate().Dual;

    public double DualityGap() => Evaluate().Gap;

    /// <summary>The result: Solution is β (n×k row-major); W(β) comes from <see cref="MulticlassSvmDualObjective.PrimalWeights"/>.</summary>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        (double dual, double gap) = Evaluate();
        return new SolverResult
        {
            Solution = _beta.ToArray(),
            Objective = dual,
            Iterations = outcome.Iterations,
            StopReason = outcome.StopReason,
            Criterion = Criterion,
            DualityGap = gap,
            Counts = Counts,
            Elapsed = outcome.Elapsed,
            Trace = outcome.Trace,
        };
    }
}
