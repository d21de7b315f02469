using MathNet.Numerics.LinearAlgebra;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives;

namespace OptSuite.Models;

/// <summary>
/// Multi-task lasso (and multi-task elastic net): k regressions sharing their support,
/// minimising (1/(2Σc)) Σ_i c_i ‖y_i − Wᵀx_i − b‖² + λρ Σ_j ‖W_j·‖₂ + λ(1 − ρ)/2 ‖W‖²_F over W (p×k) and b (k).
/// </summary>
/// <remarks>
/// The meaning of scikit-learn's MultiTaskLasso (ρ = 1) and MultiTaskElasticNet (<see cref="L1Ratio"/> = l1_ratio,
/// <see cref="LinearEstimator.Lambda"/> = alpha), and of glmnet's family "mgaussian" (alpha = ρ, lambda = λ). A row
/// W_j· is either entirely zero (feature j unused by every task) or not. Solved by block coordinate descent over the
/// rows of W (exact row minimisation, stopping on the duality gap) by default; FISTA and ISTA on request.
/// <see cref="LinearEstimator.C"/> maps to λ = 1/(n·C) as elsewhere; the default is λ = 1 (scikit-learn's alpha = 1).
/// </remarks>
public sealed class MultiTaskLasso : LinearEstimator
{
    /// <summary>ρ ∈ [0, 1]: 1 is the multi-task lasso, below 1 adds the ridge part λ(1 − ρ)/2 ‖W‖²_F.</summary>
    public double L1Ratio { get; set; } = 1.0;

    /// <inheritdoc/>
    public override string ModelName => "multitask-lasso";

    /// <inheritdoc/>
    private protected override double DefaultLambda(long samples) => 1.0;

    /// <summary>Fits W and b to the n×k targets <paramref name="y"/> (one column per task).</summary>
    /// <param name="x">The n×p features.</param>
    /// <param name="y">The n×k targets; k ≥ 1.</param>
    /// <param name="sampleWeight">Optional non-negative weights c_i, one per row.</param>
    /// <returns>This model, fitted.</returns>
    public MultiTaskLasso Fit(FeatureMatrix x, double[,] y, double[]? sampleWeight = null)
    {
        var (a, targets, k, lambda) = Prepare(x, y, sampleWeight);
        double[]? x0 = StartingPoint(a.Columns, k);
        Complete(a, k, lambda, () => Run([Pose(a, targets, k, lambda, sampleWeight)], _ => x0));
        return this;
    }

    /// <summary>The problem <see cref="Fit(FeatureMatrix, double[,], double[])"/> would solve, with every option as set: run
    /// any solver on it (<see cref="FitProblem.Solve"/>, <c>optsuite bench</c>).</summary>
    /// <param name="x">The n×p features.</param>
    /// <param name="y">The n×k targets.</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    public FitProblem CreateProblem(FeatureMatrix x, double[,] y, double[]? sampleWeight = null)
    {
        var (a, targets, k, lambda) = Prepare(x, y, sampleWeight);
        return Pose(a, targets, k, lambda, sampleWeight);
    }

    private FitProblem Pose(ILinearMap a, double[] targets, int k, double lambda, double[]? sampleWeight) =>
        new MultiTaskProblem<Prox.Regularizers.L21Norm>(Objective.MultiTaskElasticNet(a, targets, k, lambda, L1Ratio, FitIntercept, sampleWeight));

    private (ILinearMap X, double[] Targets, int Tasks, double Lambda) Prepare(FeatureMatrix x, double[,] y, double[]? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(y);
        CheckOptions();
        if (!(L1Ratio >= 0 && L1Ratio <= 1))
            throw new ArgumentOutOfRangeException(nameof(L1Ratio), L1Ratio, "The L1 ratio must lie in [0, 1].");
        ILinearMap a = x.Map;
        int n = a.Rows, k = y.GetLength(1);
        if (y.GetLength(0) != n) throw new ArgumentException($"y has {y.GetLength(0)} rows for {n} rows of X.", nameof(y));
        if (k < 1) throw new ArgumentException("y needs at least one column (task).", nameof(y));
        if (sampleWeight is not null && sampleWeight.Length != n)
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values for {n} rows of X.", nameof(sampleWeight));
        InputChecks.Features(a);
        var targets = new double[(long)n * k];
        double squares = 0;
        for (int i = 0; i < n; i++)
            for (int t = 0; t < k; t++)
            {
                double v = y[i, t];
                if (!double.IsFinite(v)) throw new ArgumentException($"y[{i}, {t}] is {v}; targets must be finite.", nameof(y));
                targets[(long)i * k + t] = v;
                squares += v * v;
            }
        if (!double.IsFinite(squares))
            throw new ArgumentException("The targets' sum of squares overflows double precision; rescale y (values near 1e154 or larger cannot be fitted).", nameof(y));
        InputChecks.Weights(sampleWeight);
        double lambda = ResolveLambda(n);
        return (a, targets, k, lambda);
    }

    /// <summary>Fits from MathNet matrices: <paramref name="y"/> is n×k.</summary>
    public MultiTaskLasso Fit(Matrix<double> x, Matrix<double> y, Vector<double>? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Fit((FeatureMatrix)x, y.ToArray(), sampleWeight?.GetDenseArray());
    }

    /// <summary>The n×k predictions XW + 1bᵀ.</summary>
    public double[,] Predict(FeatureMatrix x)
    {
        double[] s = Scores(x);
        int k = OutputCount, n = s.Length / k;
        var result = new double[n, k];
        for (int i = 0; i < n; i++)
            for (int t = 0; t < k; t++) result[i, t] = s[(long)i * k + t];
        return result;
    }

    /// <summary>R² averaged uniformly over the tasks (scikit-learn's default <c>multioutput="uniform_average"</c>).</summary>
    public double Score(FeatureMatrix x, double[,] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        double[,] p = Predict(x);
        int n = p.GetLength(0), k = p.GetLength(1);
        if (y.GetLength(0) != n || y.GetLength(1) != k)
            throw new ArgumentException($"y is {y.GetLength(0)}×{y.GetLength(1)}; the predictions are {n}×{k}.", nameof(y));
        double total = 0;
        var truth = new double[n];
        var guess = new double[n];
        for (int t = 0; t < k; t++)
        {
            for (int i = 0; i < n; i++) { truth[i] = y[i, t]; guess[i] = p[i, t]; }
            total += Objectives.Metrics.RegressionMetrics.RSquared(truth, guess);
        }
        return total / k;
    }

    internal override void WriteOptions(IDictionary<string, object?> options) => options["l1_ratio"] = L1Ratio;

    internal override void ReadOptions(Persistence.ModelOptionsReader options) => L1Ratio = options.Double("l1_ratio");
}
