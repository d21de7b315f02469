using MathNet.Numerics.LinearAlgebra;
using OptSuite.Data.Shards;
using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>
/// A linear classifier over labels of any numeric or string values (<see cref="Classes"/>, sorted); predictions are the
/// original labels. Binary problems have one score column (positive = the larger class), multiclass problems k.
/// </summary>
public abstract class LinearClassifier : LinearEstimator
{
    private ClassLabels? _classes;

    private protected LinearClassifier() { }

    /// <summary>
    /// Per-class weights of the samples (scikit-learn's <c>class_weight</c>, LIBLINEAR's <c>-wi</c>): null (the default)
    /// for none, <see cref="ClassWeights.Balanced"/> for n / (k·n_c), or <see cref="ClassWeights.Of{TLabel}"/>. They multiply
    /// the sample weights; with C they act as a per-class C (see <see cref="ClassWeights"/>).
    /// </summary>
    public ClassWeights? ClassWeight { get; set; }

    /// <summary>κ of <see cref="CSearch"/>'s first C, 2^⌊log₂(1/(κ·n·max‖x_i‖²))⌋: LIBLINEAR's calc_start_C uses 2 for the
    /// squared hinge and 1 for the logistic loss.</summary>
    internal virtual double SearchStartFactor => 1;

    /// <summary>The classes seen in fit, sorted (numbers by value, strings ordinally).</summary>
    public ClassLabels Classes => _classes ?? throw new InvalidOperationException($"This {GetType().Name} is not fitted; call Fit first.");

    /// <summary>Fits the classifier; returns this estimator.</summary>
    /// <typeparam name="TLabel">string or any numeric type (int, long, double, …).</typeparam>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n labels (at least two distinct values).</param>
    /// <param name="sampleWeight">Optional n weights c_i ≥ 0 with a positive sum.</param>
    /// <param name="offset">Optional n known terms o_i in the score, z_i = x_i·w + b + o_i (glmnet's <c>offset</c>): binary
    /// logistic regression takes them, other classifiers refuse (naming <c>offset</c>). They are data, not saved with the
    /// model: score new rows with <see cref="DecisionFunction"/> and its siblings.</param>
    public LinearClassifier Fit<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight = null, double[]? offset = null) =>
        WithOffset(offset, x.Map.Rows, () => FitWithoutOffset(x, y, sampleWeight));

    private LinearClassifier FitWithoutOffset<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight)
    {
        var (a, fitted, kept, classes, index, lambda, weights) = Prepare(x, y, sampleWeight);
        int outputs = Outputs(classes.Count);
        double[]? x0 = _classes is not null && _classes.Names.SequenceEqual(classes.Names) ? StartingPoint(a.Columns, outputs) : null;
        x0 = FittedColumns.Gather(x0, kept, a.Columns, outputs);
        if (ColumnScaling is { } scaling) x0 = scaling.Start(x0, outputs);
        Complete(a, outputs, lambda, () =>
        {
            var problems = Pose(fitted, index, classes.Count, weights, lambda);
            if (problems[0].BiasScaling is { } b) x0 = PenalisedBias.Start(x0, fitted.Columns, outputs, b);
            return OnOriginalScale(Run(problems, c => Part(x0, problems, c, outputs)));
        }, kept);
        _classes = classes;
        return this;
    }

    /// <summary>
    /// Fits the classifier to a shard dataset: its features (read a shard at a time by the solver's passes), its labels
    /// (the classes are those of the labels, which are in memory) and its sample weights (null when the rows carry none).
    /// The same fit as <see cref="Fit{TLabel}(FeatureMatrix, IReadOnlyList{TLabel}, double[], double[])"/> with <c>(data.Features, data.Labels, data.Weights)</c>; returns this estimator.
    /// </summary>
    /// <param name="data">An opened shard dataset (<see cref="ShardedDataset.Open"/>).</param>
    /// <param name="offset">Optional offsets o_i, one per row in the dataset's row order (binary logistic regression; see
    /// <see cref="Fit{TLabel}(FeatureMatrix, IReadOnlyList{TLabel}, double[], double[])"/>).</param>
    /// <exception cref="UnsupportedSolverException"><see cref="LinearEstimator.Solver"/> needs random access to X (coordinate
    /// descent, in-memory dual coordinate descent) or cannot take offsets; Auto picks one that can.</exception>
    public LinearClassifier Fit(ShardedDataset data, double[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Fit(data.Features, data.Labels, data.Weights, offset);
    }

    /// <summary>
    /// The problems <see cref="Fit{TLabel}(FeatureMatrix, IReadOnlyList{TLabel}, double[], double[])"/> would solve, with every option as set: one, or one per class for a
    /// one-vs-rest strategy. Run any solver on them (<see cref="FitProblem.Solve"/>, <c>optsuite bench</c>). Columns the fit
    /// leaves out (empty ones, and constant ones when an intercept is fitted) are not in them.
    /// </summary>
    /// <typeparam name="TLabel">string or any numeric type.</typeparam>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n labels.</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    /// <param name="offset">Optional n offsets (binary logistic regression).</param>
    public IReadOnlyList<FitProblem> CreateProblems<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight = null, double[]? offset = null) =>
        WithOffset(offset, x.Map.Rows, () =>
        {
            var (_, fitted, _, classes, index, lambda, weights) = Prepare(x, y, sampleWeight);
            return Pose(fitted, index, classes.Count, weights, lambda);
        });

    private (ILinearMap X, ILinearMap Fitted, int[]? Kept, ClassLabels Classes, int[] Index, double Lambda, double[]? Weights) Prepare<TLabel>(
        FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight)
    {
        ArgumentNullException.ThrowIfNull(y);
        CheckOptions();
        ILinearMap a = x.Map;
        if (y.Count != a.Rows) throw new ArgumentException($"y has {y.Count} labels for {a.Rows} rows of X.", nameof(y));
        if (sampleWeight is not null && sampleWeight.Length != a.Rows)
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values for {a.Rows} rows of X.", nameof(sampleWeight));
        InputChecks.Features(a);
        InputChecks.Weights(sampleWeight);
        var local = ClassLabels.Fit(y, out int[] index, nameof(y));
        // Rows split across ranks: the classes of every rank's labels, so each rank's ±1 coding is the same.
        var classes = Ranks.Union(a, local);
        if (!ReferenceEquals(classes, local)) index = classes.IndicesOf(y, nameof(y));
        if (classes.Count < 2)
            throw new ArgumentException(classes.Count == 0 ? "y has no labels; a classifier needs at least two classes."
                : $"y has a single class ({classes.Names[0]}); a classifier needs at least two.", nameof(y));
        double lambda = ResolveLambda(Ranks.Samples(a));
        double[]? weights = sampleWeight;
        OneVsRestWeighting = null;
        if (ClassWeight is { } classWeight) (weights, lambda) = Weighted(a, classWeight, classes, index, sampleWeight, lambda);
        var (fitted, kept) = FittedColumns.Select(a, FitIntercept, separable: true);
        fitted = PrepareScaling(fitted, weights);
        PrepareShape(a.Columns, kept);
        return (a, fitted, kept, classes, index, lambda, weights);
    }

    /// <summary>
    /// The sample weights with the class weights applied — c_i·w_{y_i}, the sample weights c_i normalised to mean 1 — and
    /// λ: with C (or the default), 1/(C·S) for S = Σc_i·w_{y_i}, so the class weights are LIBLINEAR's per-class C
    /// (see <see cref="ClassWeights"/>); with λ given, λ. Counts and sums are over every rank for distributed X.
    /// </summary>
    private (double[] Weights, double Lambda) Weighted(ILinearMap a, ClassWeights classWeight, ClassLabels classes, int[] index,
        double[]? sampleWeight, double lambda)
    {
        int k = classes.Count;
        // The unweighted class counts, the sample weights' total and count, and their total per class (over every rank).
        var counts = new double[2 * k + 2];
        for (int i = 0; i < index.Length; i++)
        {
            counts[index[i]]++;
            counts[k + 2 + index[i]] += sampleWeight is null ? 1.0 : sampleWeight[i];
        }
        counts[k] = sampleWeight?.Sum() ?? index.Length;
        counts[k + 1] = index.Length;
        Ranks.Sum(a, counts);
        double n = counts[k + 1], mean = counts[k] / n;   // the sample weights' mean over every rank
        double[] weights = classWeight.Apply(classes, counts.AsSpan(0, k), index, sampleWeight, mean);
        Span<double> total = [weights.Sum()];
        Ranks.Sum(a, total);
        if (!(total[0] > 0))
            throw new ArgumentException($"The class weights ({classWeight}) leave every sample with weight 0; at least one class present must weigh more than 0.", nameof(ClassWeight));
        // One-vs-rest (LIBLINEAR's -wi): problem c weighs class c's rows by w_c and the rest by 1, so S_c = n + (w_c − 1)·n_c
        // with n_c class c's (normalised) sample weight; λ_c = 1/(C·S_c).
        double[] perClass = classWeight.For(classes, counts.AsSpan(0, k));
        var lambdas = new double[k];
        for (int c = 0; c < k; c++)
        {
            double s = n + (perClass[c] - 1) * counts[k + 2 + c] / mean;
            lambdas[c] = Lambda is null ? lambda * n / s : lambda;
        }
        double[]? normalised = sampleWeight?.Select(v => v / mean).ToArray();
        OneVsRestWeighting = new OneVsRestWeights(perClass, normalised, lambdas);
        // λ = 1/(n·C) from C (or the default C = 1) becomes 1/(C·S): the weights scale C per class, as LIBLINEAR's -wi.
        if (Lambda is null) lambda *= n / total[0];
        return (weights, lambda);
    }

    /// <summary>With <see cref="ClassWeight"/>, how each one-vs-rest problem weighs its rows and its λ (LIBLINEAR's
    /// one-vs-rest <c>-wi</c>); set by the fit's preparation, null without class weights.</summary>
    private protected OneVsRestWeights? OneVsRestWeighting { get; private set; }

    /// <summary>The start of problem <paramref name="c"/>: all of <paramref name="x0"/> for one problem, column c of W
    /// (and intercept c) for one-vs-rest.</summary>
    private static double[]? Part(double[]? x0, IReadOnlyList<FitProblem> problems, int c, int outputs)
    {
        if (x0 is null || problems.Count == 1) return x0;
        int p = problems[c].WeightCount;
        bool intercept = problems[c].Traits.FitIntercept;
        var start = new double[p + (intercept ? 1 : 0)];
        for (int j = 0; j < p; j++) start[j] = x0[j * outputs + c];
        if (intercept) start[p] = x0[p * outputs + c];
        return start;
    }

    /// <summary>Fits the classifier to MathNet data with numeric labels; returns this estimator.</summary>
    /// <param name="x">The n×p features.</param>
    /// <param name="y">The n labels.</param>
    /// <param name="sampleWeight">Optional n weights.</param>
    public LinearClassifier Fit(Matrix<double> x, Vector<double> y, Vector<double>? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        return Fit((FeatureMatrix)x, y.GetDenseArray(), sampleWeight?.GetDenseArray());
    }

    /// <summary>The scores X·W + b (+ o with offsets): n×1 for two classes (positive = larger class), n×k otherwise.</summary>
    /// <param name="x">The features.</param>
    /// <param name="offset">Optional offsets of the rows (n values, finite), for a model that takes them (binary logistic
    /// regression); offsets are data, not part of the model.</param>
    public double[,] DecisionFunction(FeatureMatrix x, double[]? offset = null)
    {
        double[] s = Scores(x, offset);
        int m = OutputCount, n = s.Length / m;
        var result = new double[n, m];
        Buffer.BlockCopy(s, 0, result, 0, s.Length * sizeof(double));
        return result;
    }

    /// <summary>The predicted class index (into <see cref="Classes"/>) of every row.</summary>
    /// <param name="x">The features.</param>
    /// <param name="offset">Optional offsets of the rows (binary logistic regression).</param>
    public int[] PredictIndices(FeatureMatrix x, double[]? offset = null)
    {
        double[] s = Scores(x, offset);
        int m = OutputCount, n = s.Length / m;
        var result = new int[n];
        for (int i = 0; i < n; i++)
        {
            if (m == 1) { result[i] = s[i] > 0 ? 1 : 0; continue; }
            int best = 0;
            for (int c = 1; c < m; c++) if (s[(long)i * m + c] > s[(long)i * m + best]) best = c;
            result[i] = best;
        }
        return result;
    }

    /// <summary>The predicted labels, for numeric classes (use <see cref="PredictText"/> for string classes).</summary>
    /// <param name="x">The features.</param>
    public double[] Predict(FeatureMatrix x)
    {
        if (!Classes.IsNumeric) throw new InvalidOperationException("The classes are text labels; use PredictText.");
        var values = Classes.Values;
        return PredictIndices(x).Select(c => values[c]).ToArray();
    }

    /// <summary>The predicted labels as text (string classes as given, numbers in invariant round-trip form).</summary>
    /// <param name="x">The features.</param>
    /// <param name="offset">Optional offsets of the rows (binary logistic regression).</param>
    public string[] PredictText(FeatureMatrix x, double[]? offset = null)
    {
        var names = Classes.Names;
        return PredictIndices(x, offset).Select(c => names[c]).ToArray();
    }

    /// <summary>Accuracy, the fraction of rows whose predicted label equals <paramref name="y"/> (scikit-learn's score); over
    /// every rank's rows when X is distributed (collective).</summary>
    /// <typeparam name="TLabel">The label type used in fit: numbers for numeric classes, strings for text classes.</typeparam>
    /// <param name="x">The features.</param>
    /// <param name="y">The true labels, each one of <see cref="Classes"/>.</param>
    /// <param name="offset">Optional offsets of the rows (binary logistic regression).</param>
    /// <exception cref="ArgumentException">A label is not one of the classes, or is text where the classes are numbers (or
    /// the reverse); the message names the label and its index. (Counting such labels as wrong would hide a mix-up of
    /// label sets behind a low score.)</exception>
    public double Score<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        int[] truth = Classes.IndicesOf(y, nameof(y));
        int[] predicted = PredictIndices(x, offset);
        if (y.Count != predicted.Length) throw new ArgumentException($"y has {y.Count} labels for {predicted.Length} rows of X.", nameof(y));
        int right = 0;
        for (int i = 0; i < predicted.Length; i++) if (truth[i] == predicted[i]) right++;
        // Rows split across ranks: the accuracy over every rank's rows.
        Span<double> counts = [right, predicted.Length];
        Ranks.Sum(x.Map, counts);
        return counts[1] == 0 ? double.NaN : counts[0] / counts[1];
    }

    /// <summary>The accuracy (<see cref="Score{TLabel}"/>) with MathNet labels (numeric classes).</summary>
    /// <param name="x">The features (a MathNet matrix converts implicitly).</param>
    /// <param name="y">The true labels.</param>
    public double Score(FeatureMatrix x, Vector<double> y) => Score(x, (IReadOnlyList<double>)(y ?? throw new ArgumentNullException(nameof(y))).ToArray());

    /// <summary>The accuracy (<see cref="Score{TLabel}"/>) on a shard dataset's features and labels (one pass over the shards).</summary>
    /// <param name="data">An opened shard dataset with the model's feature count.</param>
    /// <param name="offset">Optional offsets of its rows (binary logistic regression).</param>
    public double Score(ShardedDataset data, double[]? offset = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Score(data.Features, data.Labels, offset);
    }

    private protected override void ClearFit()
    {
        base.ClearFit();
        _classes = null;
    }

    /// <summary>Restores the classes of a loaded model.</summary>
    internal void StoreClasses(ClassLabels classes) => _classes = classes;

    /// <summary>±1 labels: class <paramref name="positive"/> is +1, every other −1.</summary>
    private protected static double[] Signs(int[] y, int positive)
    {
        var s = new double[y.Length];
        for (int i = 0; i < s.Length; i++) s[i] = y[i] == positive ? 1.0 : -1.0;
        return s;
    }

    /// <summary>The number of score columns for k classes.</summary>
    private protected abstract int Outputs(int classes);

    /// <summary>
    /// The problems on the fitted columns: one, or one per class (one-vs-rest). An estimator that fits its intercept as
    /// LIBLINEAR's penalised bias poses them on [X, B·1] with <see cref="FitProblem.BiasScaling"/> set (see
    /// <see cref="PenalisedBias"/>); the solved bias row becomes the intercepts.
    /// </summary>
    private protected abstract IReadOnlyList<FitProblem> Pose(ILinearMap x, int[] y, int classes, double[]? w, double lambda);

    /// <summary>Whether the model gives class probabilities (logistic regression: σ of the score for two classes, the
    /// softmax of the scores for more); the ONNX export adds a "probabilities" output for such a model.</summary>
    internal virtual bool HasProbabilities => false;

    /// <summary>Accuracy, as <c>optsuite fit</c> reports it.</summary>
    public string ScoreName => "accuracy";
}
