using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Models.Paths;

/// <summary>
/// One penalised problem family (1/Σc)Σc_i ℓ(y_i, x_i·w + b) + λ(α‖w‖₁ + (1 − α)/2‖w‖²) over λ: the data, the loss
/// (squared, or logistic on ±1 labels), α and the intercept. The null model, λ_max and the grid's conventions are the
/// solver layer's (<see cref="NullModel"/>, <see cref="LambdaGrid"/>), shared with <see cref="CoordinateDescentPath"/>;
/// this class adds the per-λ solve by the estimators' solvers.
/// </summary>
internal sealed class PathProblem
{
    private readonly NullModel _null;   // on X as given (the path session holds its own on the CSC copy)

    /// <summary>Checks the data (finite X and y, valid labels and weights) by building the unpenalised objective once.</summary>
    public PathProblem(ILinearMap x, double[] y, double[]? weights, LossKind loss, double alpha, bool fitIntercept)
    {
        if (loss is not (LossKind.Squared or LossKind.Logistic))
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "Paths are built for the squared and logistic losses.");
        X = x;
        Y = y;
        Weights = weights;
        Loss = loss;
        Alpha = alpha;
        FitIntercept = fitIntercept;
        try
        {
            _null = loss == LossKind.Squared
                ? NullModel.Of(new LinearObjective<SquaredLoss, ZeroRegularizer>(x, y, default, default, 0, fitIntercept, weights))
                : NullModel.Of(new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 0, fitIntercept, weights));
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"The weighted labels admit no null model (a logistic path needs both classes with positive weight): {e.Message}", "y", e);
        }
        // The traits the solver registry decides by: the problem at any λ > 0.
        Traits = (loss == LossKind.Squared
            ? PenalisedProblem.Pose(x, y, default(SquaredLoss), 1, alpha, fitIntercept, weights)
            : PenalisedProblem.Pose(x, y, default(LogisticLoss), 1, alpha, fitIntercept, weights)).Traits;
    }

    public ILinearMap X { get; }

    /// <summary>What the solver registry decides by (the path's loss, penalty form and data).</summary>
    public ProblemTraits Traits { get; }

    public double[] Y { get; }

    public double[]? Weights { get; }

    public LossKind Loss { get; }

    public double Alpha { get; }

    public bool FitIntercept { get; }

    public int Samples => Y.Length;

    public int Features => X.Columns;

    /// <summary>b₀ = argmin_b Σc_i ℓ(y_i, b) (the weighted mean of y for the squared loss, the logit of the weighted share
    /// of +1 labels for the logistic loss, to rounding); 0 without intercept. The same b₀ as the path session's.</summary>
    public double NullIntercept => _null.Intercept;

    /// <summary>(1/Σc)Σc_i ℓ(y_i, b₀) at the null model, half its deviance D₀.</summary>
    public double NullDataTerm => _null.DataTerm;

    /// <summary>
    /// λ_max of <see cref="NullModel.LambdaMax"/> (glmnet's convention: ‖Xᵀ(a ⊙ ℓ′(y, b₀))‖_∞ / max(α, 10⁻³)), from the
    /// null model the solves see: the path session's when coordinate descent solves the path, whose gradient is summed
    /// with the kernel its solves use (a gradient from another kernel differs in the last bit, and the first point then
    /// had a coefficient of ~1e-16 instead of exactly 0).
    /// </summary>
    public double LambdaMax(FitSettings settings) =>
        !OnSession(settings) ? _null.LambdaMax(Alpha)
        : Loss == LossKind.Squared ? Session(ref _squared, default(SquaredLoss)).LambdaMax : Session(ref _logistic, default(LogisticLoss)).LambdaMax;

    /// <summary>The first warm start of the path: the null model (w = 0, b₀).</summary>
    public double[] StartPoint() => _null.StartPoint();

    /// <summary>
    /// The solve at one λ from a warm start (w, then b): the objective and solver of the estimators, so a path point is
    /// what the estimator would return at that λ (to the tolerance). With coordinate descent and an L1 part (α &gt; 0) the
    /// solves go through one solver-level path session: the data validated and in column storage once, the sequential
    /// strong rule, and each λ's solver state built from the last one's (column norms, scores, Gram cache).
    /// </summary>
    public FitOutcome Solve(double lambda, FitSettings settings, double[]? start)
    {
        if (OnSession(settings))
            return Loss == LossKind.Squared
                ? OnPath(ref _squared, default(SquaredLoss), lambda, settings, start)
                : OnPath(ref _logistic, default(LogisticLoss), lambda, settings, start);
        return Loss == LossKind.Squared
            ? PenalisedProblem.Solve(X, Y, default(SquaredLoss), lambda, Alpha, FitIntercept, Weights, settings, start)
            : PenalisedProblem.Solve(X, Y, default(LogisticLoss), lambda, Alpha, FitIntercept, Weights, settings, start);
    }

    private CoordinateDescentPathSession<SquaredLoss>? _squared;
    private CoordinateDescentPathSession<LogisticLoss>? _logistic;

    private bool OnSession(FitSettings settings) => settings.Solver == SolverKind.CoordinateDescent && Alpha > 0;

    private CoordinateDescentPathSession<TLoss> Session<TLoss>(ref CoordinateDescentPathSession<TLoss>? session, TLoss loss)
        where TLoss : struct, ILoss =>
        session ??= new CoordinateDescentPathSession<TLoss>(X, Y, loss, Alpha, FitIntercept, Weights, null);

    private FitOutcome OnPath<TLoss>(ref CoordinateDescentPathSession<TLoss>? session, TLoss loss, double lambda, FitSettings settings,
        double[]? start)
        where TLoss : struct, ILoss
    {
        var (r, _) = Session(ref session, loss).Solve(lambda, start, SolverRegistry.Get(SolverKind.CoordinateDescent).Options(new CoordinateDescentOptions { Seed = settings.Seed }, settings.Run), useStrongRule: true, settings.Cancellation);
        // The solver's objective is evaluated afresh from the data at its solution and its gap certifies that point.
        return new FitOutcome(r.Solution[..Features], r.Solution[Features..], r.Objective, r.DualityGap, SolverKind.CoordinateDescent, r);
    }

    /// <summary>λ(α‖w‖₁ + (1 − α)/2‖w‖²).</summary>
    public double Penalty(double lambda, ReadOnlySpan<double> w)
    {
        double l1 = 0, l2 = 0;
        foreach (double v in w) { l1 += Math.Abs(v); l2 += v * v; }
        return lambda * (Alpha * l1 + 0.5 * (1 - Alpha) * l2);
    }

    /// <summary>1 − D/D₀ from a point's objective (D = 2 × the data term = 2(objective − penalty)).</summary>
    public double DevianceExplained(double objective, double lambda, ReadOnlySpan<double> w) =>
        NullDataTerm > 0 ? 1 - (objective - Penalty(lambda, w)) / NullDataTerm : 0;

}
