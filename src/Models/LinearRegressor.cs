using MathNet.Numerics.LinearAlgebra;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>A single-output linear regressor: <c>Fit</c>, <c>Predict</c>, <c>Score</c> (R² unless documented otherwise).</summary>
public abstract class LinearRegressor : LinearEstimator
{
    private protected LinearRegressor() { }

    /// <summary>Fits the model to (X, y); returns this estimator.</summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n targets.</param>
    /// <param name="sampleWeight">Optional n weights c_i ≥ 0 with a positive sum (normalised internally).</param>
    /// <param name="offset">Optional n known terms o_i in the linear predictor, z_i = x_i·w + b + o_i (glmnet's
    /// <c>offset</c>; log exposure for Poisson, Gamma and Tweedie). Only the log-link models take them (others refuse,
    /// naming <c>offset</c>); they are data, not saved with the model: predict with <see cref="Predict"/>.</param>
    public LinearRegressor Fit(FeatureMatrix x, double[] y, double[]? sampleWeight = null, double[]? offset = null) =>
        WithOffset(offset, x.Map.Rows, () =>
        {
            var (a, fitted, kept, lambda) = Prepare(x, y, sampleWeight);
            double[]? x0 = FittedColumns.Gather(StartingPoint(a.Columns, 1), kept, a.Columns, 1);
            if (ColumnScaling is { } scaling) x0 = scaling.Start(x0, 1);
            Complete(a, 1, lambda, () =>
            {
                var problem = Pose(fitted, y, sampleWeight, lambda);
                // LIBLINEAR's penalised bias (LinearSvr): the warm start's intercept becomes the bias feature's weight.
                double[]? start = problem.BiasScaling is { } b ? PenalisedBias.Start(x0, fitted.Columns, 1, b) : x0;
                return OnOriginalScale(Run([problem], _ => start));
            }, kept);
            return this;
        });

    /// <summary>
    /// Fits the model to a shard dataset: its features (read a shard at a time by the solver's passes), its labels and its
    /// sample weights (null when the rows carry none). The same fit as <see cref="Fit(FeatureMatrix, double[], double[], double[])"/>
    /// with <c>(data.Features, data.Labels, data.Weights)</c>; returns this estimator.
    /// </summary>
    /// <param name="data">An opened shard dataset (<see cref="ShardedDataset.Open"/>).</param>
    /// <param name="offset">Optional offsets o_i, one per row in the dataset's row order (the models that take them; see
    /// <see cref="Fit(FeatureMatrix, double[], double[], double[])"/>). They stay in memory while X is read by passes.</param>
    /// <exception cref="UnsupportedSolverException"><see cref="LinearEstimator.Solver"/> needs random access to X (coordinate
    /// descent) or cannot take offsets; Auto picks one that can.</exception>
    public LinearRegressor Fit(ShardedDataset data, double[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.Features, data.Labels, data.Weights, offset);
    }

    /// <summary>
    /// The problem <see cref="Fit(FeatureMatrix, double[], double[], double[])"/> would solve, with every option as set: run any
    /// solver on it (<see cref="FitProblem.Solve"/>, <c>optsuite bench</c>). Columns the fit leaves out (empty ones, and
    /// constant ones when an intercept is fitted) are not in it.
    /// </summary>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n targets.</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    /// <param name="offset">Optional n offsets (the models that take them).</param>
    public FitProblem CreateProblem(FeatureMatrix x, double[] y, double[]? sampleWeight = null, double[]? offset = null) =>
        WithOffset(offset, x.Map.Rows, () =>
        {
            var (_, fitted, _, lambda) = Prepare(x, y, sampleWeight);
            return Pose(fitted, y, sampleWeight, lambda);
        });

    private (ILinearMap X, ILinearMap Fitted, int[]? Kept, double Lambda) Prepare(FeatureMatrix x, double[] y, double[]? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(y);
        CheckOptions();
        ILinearMap a = x.Map;
        if (y.Length != a.Rows) throw new ArgumentException($"y has {y.Length} values for {a.Rows} rows of X.", nameof(y));
        if (sampleWeight is not null && sampleWeight.Length != a.Rows)
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values for {a.Rows} rows of X.", nameof(sampleWeight));
        InputChecks.Features(a);
        InputChecks.Targets(y);
        InputChecks.Weights(sampleWeight);
        CheckTargets(y);
        double lambda = ResolveLambda(Ranks.Samples(a));
        var (fitted, kept) = FittedColumns.Select(a, FitIntercept, PenaltyIsSeparable);
        fitted = PrepareScaling(fitted, sampleWeight);
        PrepareShape(a.Columns, kept);
        return (a, fitted, kept, lambda);
    }

    /// <summary>Fits the model to MathNet data; returns this estimator.</summary>
    /// <param name="x">The n×p features.</param>
    /// <param name="y">The n targets.</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    public LinearRegressor Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Fit((FeatureMatrix)x, y.GetDenseArray(), sampleWeight?.GetDenseArray());
    }

    /// <summary>Predictions for the rows of <paramref name="x"/> (x·w + b, or the model's mean function); with offsets, of
    /// x·w + b + o_i (e^(x·w + b + o_i) for the log link).</summary>
    /// <param name="x">The features (p columns).</param>
    /// <param name="offset">Optional offsets of the rows (n values, finite), for a model that takes them (else refused,
    /// naming <c>offset</c>); offsets are data, not part of the model.</param>
    public double[] Predict(FeatureMatrix x, double[]? offset = null)
    {
        double[] s = Scores(x, offset);
        for (int i = 0; i < s.Length; i++) s[i] = Mean(s[i]);
        return s;
    }

    /// <summary>The coefficient of determination R² = 1 − Σ(y − ŷ)²/Σ(y − ȳ)² of the predictions (scikit-learn's score);
    /// over every rank's rows when X is distributed (collective).</summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The true targets.</param>
    public virtual double Score(FeatureMatrix x, double[] y)
    {
        ArgumentNullException.ThrowIfNull(y);
        double[] p = Predict(x);
        if (y.Length != p.Length) throw new ArgumentException($"y has {y.Length} values for {p.Length} rows of X.", nameof(y));
        return Ranks.Of(x.Map) is null ? Objectives.Metrics.RegressionMetrics.RSquared(y, p) : Explained(x, y, p, static (t, m) => (t - m) * (t - m));
    }

    /// <summary><see cref="Score(FeatureMatrix, double[])"/> with MathNet targets.</summary>
    /// <param name="x">The features (a MathNet matrix converts implicitly).</param>
    /// <param name="y">The true targets.</param>
    public double Score(FeatureMatrix x, Vector<double> y) => Score(x, (y ?? throw new ArgumentNullException(nameof(y))).ToArray());

    /// <summary><see cref="Score(FeatureMatrix, double[])"/> of rows with known offsets: the model's deviance score (D²) of
    /// the predictions e^(x·w + b + o_i) against the null model ȳ, for a model that takes offsets (else refused, naming
    /// <c>offset</c>); null offsets: <see cref="Score(FeatureMatrix, double[])"/>.</summary>
    /// <param name="x">The features.</param>
    /// <param name="y">The true targets.</param>
    /// <param name="offset">The rows' offsets (n values, finite), or null.</param>
    public double Score(FeatureMatrix x, double[] y, double[]? offset)
    {
        ArgumentNullException.ThrowIfNull(y);
        if (offset is null) return Score(x, y);
        double[] predicted = Predict(x, offset);
        return Explained(x, y, predicted, UnitDeviance ?? throw new ArgumentException(OffsetRefusal ?? $"{ModelName} has no deviance score with offsets.", nameof(offset)));
    }

    /// <summary>The unit deviance d(y, μ) behind <see cref="Score(FeatureMatrix, double[])"/> for the models scored by D²
    /// (null: R²).</summary>
    private protected virtual Func<double, double, double>? UnitDeviance => null;

    /// <summary><see cref="Score(FeatureMatrix, double[])"/> on a shard dataset's features and labels (one pass over the shards).</summary>
    /// <param name="data">An opened shard dataset with the model's feature count.</param>
    /// <param name="offset">Optional offsets of its rows (<see cref="Score(FeatureMatrix, double[], double[])"/>).</param>
    public double Score(ShardedDataset data, double[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Score(data.Features, data.Labels, offset);
    }

    /// <summary>
    /// 1 − D(y, ŷ)/D(y, ȳ) for a deviance D summed over the rows (<paramref name="deviance"/>(y_i, μ_i) per row): R² for the
    /// squared deviance, D² for Poisson's and Gamma's. Over every rank's rows when X is distributed (ȳ, then both sums,
    /// all-reduced). A constant y gives 1 for a perfect fit, else 0 (scikit-learn's convention).
    /// </summary>
    private protected static double Explained(FeatureMatrix x, double[] y, double[] predicted, Func<double, double, double> deviance)
    {
        if (y.Length != predicted.Length) throw new ArgumentException($"y has {y.Length} values for {predicted.Length} rows of X.", nameof(y));
        Span<double> mean = [0, y.Length];
        foreach (double v in y) mean[0] += v;
        Ranks.Sum(x.Map, mean);
        double ybar = mean[0] / mean[1];
        Span<double> sums = [0, 0];
        for (int i = 0; i < y.Length; i++)
        {
            sums[0] += deviance(y[i], predicted[i]);
            sums[1] += deviance(y[i], ybar);
        }
        Ranks.Sum(x.Map, sums);
        if (mean[1] == 0) return double.NaN;
        return sums[1] == 0 ? (sums[0] == 0 ? 1.0 : 0.0) : 1 - sums[0] / sums[1];
    }

    /// <summary>What <see cref="Score(FeatureMatrix, double[])"/> measures, as <c>optsuite fit</c> reports it ("r2", "d2_poisson").</summary>
    public virtual string ScoreName => "r2";

    /// <summary>The model's link: the prediction from a linear score is the score itself, or e^score for the log link
    /// (Poisson, Gamma). <see cref="Predict"/>, <see cref="PredictFromScore"/> and the ONNX export all read it.</summary>
    internal virtual LinkFunction Link => LinkFunction.Identity;

    /// <summary>The prediction for one linear score z = x·w + b: what <see cref="Predict"/> gives a row with that score
    /// (z itself, or the model's mean function: e^z for Poisson and Gamma). For callers that compute the scores
    /// themselves, row by row (the ML.NET trainers of OptSuite.MLNet).</summary>
    /// <param name="score">The linear score.</param>
    public double PredictFromScore(double score) => Mean(score);

    private double Mean(double score) => Link == LinkFunction.Log ? Math.Exp(score) : score;

    /// <summary>Checks the targets beyond finiteness: by default that their squares do not overflow (squared-type
    /// losses evaluate ½(y − z)²); Poisson checks non-negative counts instead.</summary>
    private protected virtual void CheckTargets(double[] y) => InputChecks.SquaredTargets(y);

    /// <summary>Whether the penalty is separable across features, so empty and intercept-collinear columns can be left out of the fit (see <see cref="FittedColumns"/>).</summary>
    private protected virtual bool PenaltyIsSeparable => true;

    /// <summary>The estimator's problem on the fitted columns: its loss, penalty and options paired into one objective.</summary>
    private protected abstract FitProblem Pose(ILinearMap x, double[] y, double[]? w, double lambda);
}
