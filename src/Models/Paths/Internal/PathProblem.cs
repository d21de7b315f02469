using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Models.Paths;

/// <summary>
/// One penalised problem family (1/Σc)Σc_i ℓ(y_i, x_i·w + b + o_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²) over λ: the data, the loss
/// (squared; logistic on ±1 labels; the Poisson, Gamma and Tweedie deviances with log link), α, the intercept and optional
/// offsets o. The null model, λ_max and the grid's conventions are the solver layer's (<see cref="NullModel"/>,
/// <see cref="LambdaGrid"/>), shared with <see cref="CoordinateDescentPath"/>; this class adds the per-λ solve by the
/// estimators' solvers. With per-feature options (<see cref="PathPenalty"/>) the penalty is λ Σ_j v_j(α|w̃_j| + (1 − α)/2·w̃_j²)
/// on w̃ = s·w (s the column scales with standardisation, else 1), within the bounds: the solves see X/s and the
/// bounds on w̃, and every outcome comes back on the original scale.
/// </summary>
internal sealed class PathProblem
{
    private readonly Family _family;

    /// <summary>Checks the data (finite X and y, valid labels, weights and offsets) by building the unpenalised objective once.</summary>
    public PathProblem(ILinearMap x, double[] y, double[]? weights, LossKind loss, double alpha, bool fitIntercept,
        double[]? offset = null, double power = 1.5, PathPenalty? penalty = null)
    {
        X = x;
        Options = penalty;
        Scaling = penalty is { Standardize: true } ? Standardization.Of(x, weights) : null;
        FitX = Scaling?.Scaled ?? x;
        Shape = Scaling is { } s && penalty?.Shape is { Bounded: true } bounded ? bounded.ScaledBounds(s) : penalty?.Shape;
        Y = y;
        Weights = weights;
        Offset = offset;
        Loss = loss;
        Power = power;
        Alpha = alpha;
        FitIntercept = fitIntercept;
        _family = loss switch
        {
            LossKind.Squared => new Family<SquaredLoss>(this, default),
            LossKind.Logistic => new Family<LogisticLoss>(this, default),
            LossKind.Poisson => new Family<PoissonLoss>(this, default),
            LossKind.Gamma => new Family<GammaLoss>(this, default),
            LossKind.Tweedie => new Family<TweedieLoss>(this, new TweedieLoss(power)),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "Not a path loss."),
        };
    }

    public ILinearMap X { get; }

    /// <summary>The per-feature options as given (the folds take the same), or null.</summary>
    public PathPenalty? Options { get; }

    /// <summary>The column scales of this problem's rows with standardisation, or null.</summary>
    private Standardization? Scaling { get; }

    /// <summary>The map the solves see: X/s with standardisation, else X.</summary>
    private ILinearMap FitX { get; }

    /// <summary>The penalty shape of the solves (bounds on the scaled coefficients), or null.</summary>
    private PenaltyShape? Shape { get; }

    /// <summary>What the solver registry decides by (the path's loss, penalty form and data).</summary>
    public ProblemTraits Traits => _family.Traits;

    public double[] Y { get; }

    public double[]? Weights { get; }

    /// <summary>The offsets o_i of the scores, or null.</summary>
    public double[]? Offset { get; }

    public LossKind Loss { get; }

    /// <summary>The Tweedie power (read for <see cref="LossKind.Tweedie"/> only).</summary>
    public double Power { get; }

    public double Alpha { get; }

    public bool FitIntercept { get; }

    public int Samples => Y.Length;

    public int Features => X.Columns;

    /// <summary>b₀ = argmin_b Σc_i ℓ(y_i, b + o_i); 0 without intercept. The same b₀ as the path session's.</summary>
    public double NullIntercept => _family.Null.Intercept;

    /// <summary>(1/Σc)Σc_i ℓ(y_i, b₀ + o_i) at the null model.</summary>
    public double NullDataTerm => _family.Null.DataTerm;

    /// <summary>
    /// λ_max of <see cref="NullModel.LambdaMax"/> (glmnet's convention: max over v_j &gt; 0 of |g_j| / v_j / max(α, 10⁻³),
    /// g = (X/s)ᵀ(a ⊙ ℓ′(y, b₀ + o)), v = 1 and s = 1 without options), from the null model the solves see: the path
    /// session's when coordinate descent solves the path, whose gradient is summed with the kernel its solves use (a
    /// gradient from another kernel differs in the last bit, and the first point then had a coefficient of ~1e-16 instead
    /// of exactly 0). With unpenalised features (v_j = 0) g is taken at the start point instead, where they are fitted
    /// (glmnet's first solve at λ = ∞).
    /// </summary>
    public double LambdaMax(FitSettings settings)
    {
        if (Shape is null) return OnSession(settings) ? _family.SessionLambdaMax : _family.Null.LambdaMax(Alpha);
        return Shape.HasUnpenalised ? _family.Unpenalised(settings).LambdaMax : _family.Null.LambdaMax(Alpha, Shape.Factors);
    }

    /// <summary>The first warm start of the path, on the original scale: the null model (w = 0, b₀), or with unpenalised
    /// features the fit of those alone (every penalised coefficient at 0), which is optimal at λ_max.</summary>
    public double[] StartPoint(FitSettings settings)
    {
        if (Shape is not { HasUnpenalised: true }) return _family.Null.StartPoint();
        var start = _family.Unpenalised(settings).Start;
        return Scaling is { } s ? Unscaled(s, start) : start;
    }

    /// <summary>(w̃, b) on the scaled problem as (w̃/s, b).</summary>
    private static double[] Unscaled(Standardization s, double[] point)
    {
        var x = (double[])point.Clone();
        for (int j = 0; j < s.Scales.Length; j++) x[j] /= s.Scales[j];
        return x;
    }

    /// <summary>
    /// The solve at one λ from a warm start (w, then b): the objective and solver of the estimators, so a path point is
    /// what the estimator would return at that λ (to the tolerance). With coordinate descent and an L1 part (α &gt; 0) and
    /// no offsets the solves go through one solver-level path session: the data validated and in column storage once,
    /// the sequential strong rule, and each λ's solver state built from the last one's (column norms, scores, Gram cache).
    /// </summary>
    /// <remarks>The start and the outcome are on the original scale; with standardisation the solve runs on the scaled one.</remarks>
    public FitOutcome Solve(double lambda, FitSettings settings, double[]? start)
    {
        if (Scaling is { } s) start = s.Start(start, 1);
        var o = OnSession(settings) ? _family.OnPath(lambda, settings, start) : _family.Solve(lambda, settings, start);
        return Scaling?.Unscale(o) ?? o;
    }

    /// <summary>The path session (strong rule, shared state) takes the plain penalty only: per-feature factors and bounds
    /// solve each λ with the estimators' objective.</summary>
    private bool OnSession(FitSettings settings) => settings.Solver == SolverKind.CoordinateDescent && Alpha > 0 && Offset is null && Shape is null;

    /// <summary>λ Σ_j v_j(α|s_j w_j| + (1 − α)/2·(s_j w_j)²) of original-scale coefficients w (v = 1, s = 1 without options).</summary>
    public double Penalty(double lambda, ReadOnlySpan<double> w)
    {
        double l1 = 0, l2 = 0;
        for (int j = 0; j < w.Length; j++)
        {
            double v = Shape?.Factors[j] ?? 1.0, t = Scaling is { } s ? s.Scales[j] * w[j] : w[j];
            l1 += v * Math.Abs(t);
            l2 += v * t * t;
        }
        return lambda * (Alpha * l1 + 0.5 * (1 - Alpha) * l2);
    }

    /// <summary>1 − D/D₀ from a point's objective: D = 2(data term − saturated data term), the data term being
    /// objective − penalty; the saturated term is 0 for the squared and logistic losses and (1/Σc)Σc_i ℓ(y_i, log y_i)
    /// (over y_i &gt; 0) for the log-link deviances, whose losses drop terms in y.</summary>
    public double DevianceExplained(double objective, double lambda, ReadOnlySpan<double> w)
    {
        double saturated = _family.Saturated, null0 = NullDataTerm - saturated;
        return null0 > 0 ? 1 - (objective - Penalty(lambda, w) - saturated) / null0 : 0;
    }

    /// <summary>The unit deviance d(y, μ) of a held-out row with score z (offset included): 2(ℓ(y, z) − min ℓ(y, ·)).</summary>
    public double UnitDeviance(double y, double z) => _family.UnitDeviance(y, z);

    /// <summary>The per-loss part: the null model, traits and solves of one loss type (generic, so solvers get the struct).</summary>
    private abstract class Family
    {
        public NullModel Null { get; protected init; } = null!;
        public ProblemTraits Traits { get; protected init; }
        public double Saturated { get; protected init; }
        public abstract double SessionLambdaMax { get; }
        public abstract FitOutcome Solve(double lambda, FitSettings settings, double[]? start);
        public abstract FitOutcome OnPath(double lambda, FitSettings settings, double[]? start);
        public abstract double UnitDeviance(double y, double z);
        public abstract (double[] Start, double LambdaMax) Unpenalised(FitSettings settings);
    }

    private sealed class Family<TLoss> : Family where TLoss : struct, ILoss
    {
        private readonly PathProblem _p;
        private readonly TLoss _loss;
        private readonly bool _logLink;
        private CoordinateDescentPathSession<TLoss>? _session;
        private (double[] Start, double LambdaMax)? _unpenalised;

        public Family(PathProblem p, TLoss loss)
        {
            _p = p;
            _loss = loss;
            _logLink = p.Loss is LossKind.Poisson or LossKind.Gamma or LossKind.Tweedie;
            try
            {
                Null = NullModel.Of(new LinearObjective<TLoss, ZeroRegularizer>(p.FitX, p.Y, loss, default, 0, p.FitIntercept, p.Weights, p.Offset));
            }
            catch (InvalidOperationException e)
            {
                throw new ArgumentException($"The weighted labels admit no null model (a logistic path needs both classes with positive weight): {e.Message}", "y", e);
            }
            // The traits the solver registry decides by: the problem at any λ > 0.
            Traits = PenalisedProblem.Pose(p.FitX, p.Y, loss, 1, p.Alpha, p.FitIntercept, p.Weights, p.Shape, p.Offset).Traits;
            if (_logLink)
            {
                double total = 0, sum = 0;
                for (int i = 0; i < p.Y.Length; i++)
                {
                    double c = p.Weights is null ? 1.0 : p.Weights[i];
                    total += c;
                    if (p.Y[i] > 0) sum += c * loss.Value(p.Y[i], Math.Log(p.Y[i]));
                }
                Saturated = sum / total;
            }
        }

        public override double SessionLambdaMax => Session().LambdaMax;

        private CoordinateDescentPathSession<TLoss> Session() =>
            _session ??= new CoordinateDescentPathSession<TLoss>(_p.FitX, _p.Y, _loss, _p.Alpha, _p.FitIntercept, _p.Weights, null);

        public override FitOutcome Solve(double lambda, FitSettings settings, double[]? start) =>
            PenalisedProblem.Solve(_p.FitX, _p.Y, _loss, lambda, _p.Alpha, _p.FitIntercept, _p.Weights, settings, start, _p.Offset, _p.Shape);

        /// <summary>The fit of the unpenalised features alone (penalised ones held at 0, any λ: their factors are 0) from
        /// the null model, on the scaled problem, and λ_max from the data-term gradient there (w, then b).</summary>
        public override (double[] Start, double LambdaMax) Unpenalised(FitSettings settings) => _unpenalised ??= FitUnpenalised(settings);

        private (double[] Start, double LambdaMax) FitUnpenalised(FitSettings settings)
        {
            var problem = PenalisedProblem.Pose(_p.FitX, _p.Y, _loss, 1, _p.Alpha, _p.FitIntercept, _p.Weights, _p.Shape!.PenalisedHeldAtZero(), _p.Offset);
            // The bounded problem needs a solver that takes a box (the path's own may not: OWL-QN, L-BFGS).
            var run = settings with { Solver = SolverRegistry.Resolve(SolverKind.Auto, problem.Traits, _p.Loss.ToString()) };
            FitOutcome o = SolverRunner.Run(problem, run, Null.StartPoint());
            int n = _p.Samples, p = _p.Features;
            double b = o.Intercepts.Length > 0 ? o.Intercepts[0] : 0, total = 0;
            var z = new double[n];
            _p.FitX.Apply(o.Coefficients, z);
            if (_p.Weights is { } c) foreach (double ci in c) total += ci;
            var r = new double[n];
            for (int i = 0; i < n; i++)
                r[i] = (_p.Weights is null ? 1.0 / n : _p.Weights[i] / total) * _loss.Derivative(_p.Y[i], z[i] + b + (_p.Offset?[i] ?? 0));
            var g = new double[p];
            _p.FitX.ApplyTranspose(r, g);
            double[] v = _p.Shape.Factors;
            double max = 0;
            for (int j = 0; j < p; j++) if (v[j] > 0) max = Math.Max(max, Math.Abs(g[j]) / v[j]);
            double alpha = Math.Max(_p.Alpha, LambdaGrid.L1RatioFloor), lambda = max / alpha;
            // As NullModel.LambdaMax: the smallest λ whose soft-threshold, as the solvers compute λ·α·v_j, keeps every
            // penalised coordinate at 0.
            for (int j = 0; j < p; j++)
                if (v[j] > 0 && _p.Alpha >= LambdaGrid.L1RatioFloor)
                    while (lambda * _p.Alpha * v[j] < Math.Abs(g[j])) lambda = Math.BitIncrement(lambda);
            return ([.. o.Coefficients, .. o.Intercepts], lambda);
        }

        public override FitOutcome OnPath(double lambda, FitSettings settings, double[]? start)
        {
            var (r, _) = Session().Solve(lambda, start, SolverRegistry.Get(SolverKind.CoordinateDescent).Options(new CoordinateDescentOptions { Seed = settings.Seed }, settings.Run), useStrongRule: true, settings.Cancellation);
            // The solver's objective is evaluated afresh from the data at its solution and its gap certifies that point.
            return new FitOutcome(r.Solution[.._p.Features], r.Solution[_p.Features..], r.Objective, r.DualityGap, SolverKind.CoordinateDescent, r);
        }

        public override double UnitDeviance(double y, double z) =>
            2 * (_loss.Value(y, z) - (_logLink ? (y > 0 ? _loss.Value(y, Math.Log(y)) : 0) : 0));
    }
}
