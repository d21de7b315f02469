using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives;
using OptSuite.Objectives.Metrics;
using OptSuite.Objectives.Survival;

namespace OptSuite.Models;

/// <summary>
/// Elastic-net Cox proportional hazards: −(1/Σw) ℓ(Xβ) + λ(α‖β‖₁ + (1 − α)/2‖β‖²) with ℓ the weighted partial
/// log-likelihood of right-censored times (Breslow ties by default, or Efron) — glmnet's family = "cox" with
/// standardize = FALSE (lambda = λ, alpha = α, weights = the sample weights). No intercept: a shift of every x·β cancels in
/// the partial likelihood (the baseline hazard absorbs it), so <see cref="LinearEstimator.FitIntercept"/> is false here and
/// setting it true makes Fit throw (naming FitIntercept) rather than fit something else than asked.
/// </summary>
/// <remarks>
/// <para>Auto solver: coordinate descent, which runs glmnet's proximal Newton for this loss (weighted least-squares model
/// from the diagonal of the Hessian in η, inner coordinate descent, backtracking on the true objective;
/// <see cref="OptSuite.Solvers.PredictorProximalNewton"/>), certified by the relative KKT violation (no duality gap).
/// L-BFGS (L2 only), OWL-QN, FISTA and ISTA also apply. Default penalty: L1 (glmnet's alpha = 1); default λ = 1/n.</para>
/// <para><see cref="Predict"/> is the linear predictor x·β (glmnet's type = "link"), <see cref="PredictRisk"/> e^{x·β}
/// (type = "response"), <see cref="Score"/> Harrell's C (glmnet's Cindex).</para>
/// </remarks>
public sealed class CoxRegression : LinearEstimator, IPenaltyChoice
{
    private Penalty? _penalty;

    /// <summary>Creates the estimator, with <see cref="LinearEstimator.FitIntercept"/> false (a Cox model has no intercept).</summary>
    public CoxRegression() => FitIntercept = false;

    /// <summary>The penalty. Default <see cref="Models.Penalty.L1"/>, or <see cref="Models.Penalty.ElasticNet"/> when only
    /// <see cref="L1Ratio"/> is set.</summary>
    public Penalty Penalty { get => PenalisedProblem.Effective(_penalty, L1Ratio, Penalty.L1); set => _penalty = value; }

    /// <summary>α ∈ [0, 1], the L1 share of the elastic net; null (default): 0.5 for the elastic net.</summary>
    public double? L1Ratio { get; set; }

    /// <summary>How tied event times enter the partial likelihood. Default <see cref="CoxTies.Breslow"/> (glmnet's).</summary>
    public CoxTies Ties { get; set; } = CoxTies.Breslow;

    /// <inheritdoc/>
    public override string ModelName => "cox";

    /// <summary>What <see cref="Score"/> measures: "c_index".</summary>
    public string ScoreName => "c_index";

    private double Alpha => PenalisedProblem.Alpha(_penalty, L1Ratio, Penalty.L1);

    /// <summary>Fits the model to right-censored survival data; returns this estimator.</summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="time">n survival or censoring times, finite and &gt; 0.</param>
    /// <param name="status">n indicators: 1 event, 0 censored; at least one event.</param>
    /// <param name="sampleWeight">Optional n weights ≥ 0 with a positive sum (glmnet's weights).</param>
    public CoxRegression Fit(FeatureMatrix x, double[] time, int[] status, double[]? sampleWeight = null)
    {
        var (a, problem, lambda) = Prepare(x, time, status, sampleWeight);
        double[]? x0 = StartingPoint(a.Columns, 1);
        Complete(a, 1, lambda, () => Run([problem], _ => x0));
        return this;
    }

    /// <inheritdoc cref="Fit(FeatureMatrix, double[], int[], double[])"/>
    public CoxRegression Fit(FeatureMatrix x, double[] time, bool[] status, double[]? sampleWeight = null) =>
        Fit(x, time, Indicators(status), sampleWeight);

    /// <summary>The problem <see cref="Fit(FeatureMatrix, double[], int[], double[])"/> would solve, to run any solver on it.</summary>
    /// <param name="x">The n×p features.</param>
    /// <param name="time">n times.</param>
    /// <param name="status">n event indicators.</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    public FitProblem CreateProblem(FeatureMatrix x, double[] time, int[] status, double[]? sampleWeight = null) =>
        Prepare(x, time, status, sampleWeight).Problem;

    /// <summary>The linear predictor x·β of every row (glmnet's predict type = "link").</summary>
    /// <param name="x">The features (p columns).</param>
    public double[] Predict(FeatureMatrix x) => Scores(x);

    /// <summary>The relative risk e^{x·β} of every row (glmnet's predict type = "response").</summary>
    /// <param name="x">The features (p columns).</param>
    public double[] PredictRisk(FeatureMatrix x)
    {
        double[] s = Scores(x);
        for (int i = 0; i < s.Length; i++) s[i] = Math.Exp(s[i]);
        return s;
    }

    /// <summary>Harrell's concordance index of the linear predictor on (time, status) (<see cref="SurvivalMetrics.ConcordanceIndex"/>;
    /// glmnet's Cindex).</summary>
    /// <param name="x">The features.</param>
    /// <param name="time">n times.</param>
    /// <param name="status">n event indicators (0/1).</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    public double Score(FeatureMatrix x, double[] time, int[] status, double[]? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(status);
        double[] eta = Predict(x);
        if (time.Length != eta.Length) throw new ArgumentException($"time has {time.Length} values for {eta.Length} rows of X.", nameof(time));
        if (status.Length != eta.Length) throw new ArgumentException($"status has {status.Length} values for {eta.Length} rows of X.", nameof(status));
        return SurvivalMetrics.ConcordanceIndex(time, status, eta, sampleWeight);
    }

    /// <summary>The loss of a fit on (time, status, weights): the partial likelihood with this estimator's ties.</summary>
    internal CoxPartialLikelihood Likelihood(double[] time, int[] status, double[]? sampleWeight) =>
        new(time, status, sampleWeight, Ties);

    private (ILinearMap X, FitProblem Problem, double Lambda) Prepare(FeatureMatrix x, double[] time, int[] status, double[]? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(status);
        CheckOptions();
        if (!Enum.IsDefined(Ties)) throw new ArgumentOutOfRangeException(nameof(Ties), Ties, "Not a CoxTies value.");
        if (FitIntercept)
            throw new ArgumentException("A Cox model has no intercept: a shift of every x·β cancels in the partial likelihood " +
                "(the baseline hazard absorbs it). Leave FitIntercept false (the CoxRegression default).", nameof(FitIntercept));
        ILinearMap a = x.Map;
        if (time.Length != a.Rows) throw new ArgumentException($"time has {time.Length} values for {a.Rows} rows of X.", nameof(time));
        if (status.Length != a.Rows) throw new ArgumentException($"status has {status.Length} values for {a.Rows} rows of X.", nameof(status));
        if (sampleWeight is not null && sampleWeight.Length != a.Rows)
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values for {a.Rows} rows of X.", nameof(sampleWeight));
        InputChecks.Features(a);
        InputChecks.Weights(sampleWeight);
        var loss = Likelihood(time, status, sampleWeight);
        double lambda = ResolveLambda(a.Rows);
        double alpha = Alpha;
        return (a, Pose(a, loss, lambda, alpha), lambda);
    }

    /// <summary>The penalised problem on <paramref name="x"/>: λα‖β‖₁ + λ(1 − α)/2‖β‖².</summary>
    internal static FitProblem Pose(ILinearMap x, CoxPartialLikelihood loss, double lambda, double alpha) =>
        new PredictorProblem(new PredictorObjective(x, loss, lambda * alpha, lambda * (1 - alpha)), "Cox partial-likelihood");

    private static int[] Indicators(bool[] status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var s = new int[status.Length];
        for (int i = 0; i < s.Length; i++) s[i] = status[i] ? 1 : 0;
        return s;
    }

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        PenaltyChoice.Write(this, options);
        options["ties"] = CoxTiesNames.ToName(Ties);
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        PenaltyChoice.Read(this, options);
        string ties = options.String("ties");
        Ties = CoxTiesNames.TryParse(ties, out CoxTies t) ? t
            : throw new InvalidDataException($"options.ties is '{ties}'; expected {string.Join(" or ", CoxTiesNames.Names)}.");
        FitIntercept = false;   // files written before the intercept was refused say true; the model never had one
    }
}
