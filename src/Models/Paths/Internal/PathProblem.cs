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
/// estimators' solvers.
/// </summary>
internal sealed class PathProblem
{
    private readonly Family _family;

    /// <summary>Checks the data (finite X and y, valid labels, weights and offsets) by building the unpenalised objective once.</summary>
    public PathProblem(ILinearMap x, double[] y, double[]? weights, LossKind loss, double alpha, bool fitIntercept,
        double[]? offset = null, double power = 1.5)
    {
        X = x;
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
    /// λ_max of <see cref="NullModel.LambdaMax"/> (glmnet's convention: ‖Xᵀ(a ⊙ ℓ′(y, b₀ + o))‖_∞ / max(α, 10⁻³)), from the
    /// null model the solves see: the path session's when coordinate descent solves the path, whose gradient is summed
    /// with the kernel its solves use (a gradient from another kernel differs in the last bit, and the first point then
    /// had a coefficient of ~1e-16 instead of exactly 0).
    /// </summary>
    public double LambdaMax(FitSettings settings) => OnSession(settings) ? _family.SessionLambdaMax : _family.Null.LambdaMax(Alpha);

    /// <summary>The first warm start of the path: the null model (w = 0, b₀).</summary>
    public double[] StartPoint() => _family.Null.StartPoint();

    /// <summary>
    /// The solve at one λ from a warm start (w, then b): the objective and solver of the estimators, so a path point is
    /// what the estimator would return at that λ (to the tolerance). With coordinate descent and an L1 part (α &gt; 0) and
    /// no offsets the solves go through one solver-level path session: the data validated and in column storage once,
    /// the sequential strong rule, and each λ's solver state built from the last one's (column norms, scores, Gram cache).
    /// </summary>
    public FitOutcome Solve(double lambda, FitSettings settings, double[]? start) =>
        OnSession(settings) ? _family.OnPath(lambda, settings, start) : _family.Solve(lambda, settings, start);

    private bool OnSession(FitSettings settings) => settings.Solver == SolverKind.CoordinateDescent && Alpha > 0 && Offset is null;

    /// <summary>λ(α‖w‖₁ + (1 − α)/2‖w‖²).</summary>
    public double Penalty(double lambda, ReadOnlySpan<double> w)
    {
        double l1 = 0, l2 = 0;
        foreach (double v in w) { l1 += Math.Abs(v); l2 += v * v; }
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
    }

    private sealed class Family<TLoss> : Family where TLoss : struct, ILoss
    {
        private readonly PathProblem _p;
        private readonly TLoss _loss;
        private readonly bool _logLink;
        private CoordinateDescentPathSession<TLoss>? _session;

        public Family(PathProblem p, TLoss loss)
        {
            _p = p;
            _loss = loss;
            _logLink = p.Loss is LossKind.Poisson or LossKind.Gamma or LossKind.Tweedie;
            try
            {
                Null = NullModel.Of(new LinearObjective<TLoss, ZeroRegularizer>(p.X, p.Y, loss, default, 0, p.FitIntercept, p.Weights, p.Offset));
            }
            catch (InvalidOperationException e)
            {
                throw new ArgumentException($"The weighted labels admit no null model (a logistic path needs both classes with positive weight): {e.Message}", "y", e);
            }
            // The traits the solver registry decides by: the problem at any λ > 0.
            Traits = PenalisedProblem.Pose(p.X, p.Y, loss, 1, p.Alpha, p.FitIntercept, p.Weights, offset: p.Offset).Traits;
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
            _session ??= new CoordinateDescentPathSession<TLoss>(_p.X, _p.Y, _loss, _p.Alpha, _p.FitIntercept, _p.Weights, null);

        public override FitOutcome Solve(double lambda, FitSettings settings, double[]? start) =>
            PenalisedProblem.Solve(_p.X, _p.Y, _loss, lambda, _p.Alpha, _p.FitIntercept, _p.Weights, settings, start, _p.Offset);

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
