using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Prox.Regularizers;
using OptSuite.Solvers;

namespace OptSuite.Models.Paths;

/// <summary>
/// One penalised problem family (1/Σc)Σc_i ℓ(y_i, x_i·w + b) + λ(α‖w‖₁ + (1 − α)/2‖w‖²) over λ: the data, the loss
/// (squared, or logistic on ±1 labels), α and the intercept. Knows λ_max, the null model and the per-λ solve.
/// </summary>
internal sealed class PathProblem
{
    /// <summary>glmnet's floor on α when computing λ_max of a (near-)ridge path, which has no finite λ with w = 0.</summary>
    public const double RidgeAlphaFloor = 1e-3;

    private readonly double[] _a;   // normalised weights c_i/Σc

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
        ReadOnlySpan<double> normalised = loss == LossKind.Squared
            ? new LinearObjective<SquaredLoss, ZeroRegularizer>(x, y, default, default, 0, fitIntercept, weights).SampleWeights
            : new LinearObjective<LogisticLoss, ZeroRegularizer>(x, y, default, default, 0, fitIntercept, weights).SampleWeights;
        // The traits the solver registry decides by: the problem at any λ > 0.
        Traits = (loss == LossKind.Squared
            ? PenalisedProblem.Pose(x, y, default(SquaredLoss), 1, alpha, fitIntercept, weights)
            : PenalisedProblem.Pose(x, y, default(LogisticLoss), 1, alpha, fitIntercept, weights)).Traits;
        _a = normalised.IsEmpty ? Enumerable.Repeat(1.0 / y.Length, y.Length).ToArray() : normalised.ToArray();
        NullIntercept = ComputeNullIntercept();
        NullDataTerm = DataTermAtConstant(NullIntercept);
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

    /// <summary>b at w = 0: the weighted mean of y (squared loss) or the logit of the weighted share of +1 labels; 0
    /// without intercept.</summary>
    public double NullIntercept { get; }

    /// <summary>(1/Σc)Σc_i ℓ(y_i, b₀) at the null model, half its deviance D₀.</summary>
    public double NullDataTerm { get; }

    /// <summary>
    /// λ_max = ‖Xᵀ(a ⊙ ℓ′(y, b₀))‖_∞ / α with a = c/Σc and b₀ the null intercept: the smallest λ at which w = 0 satisfies
    /// the optimality condition |∂_j f(0, b₀)| ≤ λα for every j (b₀ makes the intercept's own condition hold). For
    /// α &lt; 10⁻³ glmnet's convention divides by 10⁻³ instead (a ridge path never reaches w = 0). When coordinate
    /// descent solves the path (<paramref name="settings"/>), λ_max is its path session's, computed with the kernel its
    /// solves compute the gradient with: a gradient from another kernel (the backend's transposed product) differs in
    /// the last bit, and the first point then had a coefficient of ~1e-16 instead of exactly 0.
    /// </summary>
    public double LambdaMax(FitSettings settings)
    {
        if (Loss == LossKind.Squared && FitIntercept && ConstantTargets()) return 0;   // else rounding in b₀ leaves ~1e-16
        if (OnSession(settings) && Alpha >= RidgeAlphaFloor)
            return Loss == LossKind.Squared ? Session(ref _squared, default(SquaredLoss)).LambdaMax : Session(ref _logistic, default(LogisticLoss)).LambdaMax;
        var d = new double[Samples];
        for (int i = 0; i < d.Length; i++) d[i] = _a[i] * Derivative(Y[i], NullIntercept);
        var g = new double[Features];
        X.ApplyTranspose(d, g);
        double max = 0;
        foreach (double v in g) max = Math.Max(max, Math.Abs(v));
        return max / Math.Max(Alpha, RidgeAlphaFloor);
    }

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

    /// <summary>The intercept of the path's first start: the null model's b₀ as the solves will see it (the session's with
    /// coordinate descent, so the first solve starts from the point λ_max was computed at).</summary>
    public double StartIntercept(FitSettings settings)
    {
        if (!FitIntercept || !OnSession(settings)) return NullIntercept;
        return Loss == LossKind.Squared ? Session(ref _squared, default(SquaredLoss)).NullIntercept : Session(ref _logistic, default(LogisticLoss)).NullIntercept;
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

    /// <summary>ℓ(y, z) of this problem's loss.</summary>
    public double Value(double y, double z) => Loss == LossKind.Squared ? default(SquaredLoss).Value(y, z) : default(LogisticLoss).Value(y, z);

    private double Derivative(double y, double z) =>
        Loss == LossKind.Squared ? default(SquaredLoss).Derivative(y, z) : default(LogisticLoss).Derivative(y, z);

    private double ComputeNullIntercept()
    {
        if (!FitIntercept) return 0;
        double s = 0;
        if (Loss == LossKind.Squared)
        {
            for (int i = 0; i < Samples; i++) s += _a[i] * Y[i];
            return s;
        }
        for (int i = 0; i < Samples; i++) if (Y[i] > 0) s += _a[i];
        if (!(s > 0 && s < 1))
            throw new ArgumentException("The weighted labels hold a single class; a logistic path needs both classes with positive weight.", "y");
        return Math.Log(s / (1 - s));
    }

    private bool ConstantTargets()
    {
        double first = double.NaN;
        for (int i = 0; i < Samples; i++)
        {
            if (_a[i] == 0) continue;
            if (double.IsNaN(first)) first = Y[i];
            else if (Y[i] != first) return false;
        }
        return true;
    }

    private double DataTermAtConstant(double b)
    {
        double s = 0;
        for (int i = 0; i < Samples; i++) s += _a[i] * Value(Y[i], b);
        return s;
    }
}
