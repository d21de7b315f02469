using MathNet.Numerics.LinearAlgebra;
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

    /// <summary>The classes seen in fit, sorted (numbers by value, strings ordinally).</summary>
    public ClassLabels Classes => _classes ?? throw new InvalidOperationException($"This {GetType().Name} is not fitted; call Fit first.");

    /// <summary>Fits the classifier; returns this estimator.</summary>
    /// <typeparam name="TLabel">string or any numeric type (int, long, double, …).</typeparam>
    /// <param name="x">The n×p features (never modified).</param>
    /// <param name="y">The n labels (at least two distinct values).</param>
    /// <param name="sampleWeight">Optional n weights c_i ≥ 0 with a positive sum.</param>
    public LinearClassifier Fit<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y, double[]? sampleWeight = null)
    {
        ArgumentNullException.ThrowIfNull(y);
        CheckOptions();
        ILinearMap a = x.Map;
        if (y.Count != a.Rows) throw new ArgumentException($"y has {y.Count} labels for {a.Rows} rows of X.", nameof(y));
        if (sampleWeight is not null && sampleWeight.Length != a.Rows)
            throw new ArgumentException($"sampleWeight has {sampleWeight.Length} values for {a.Rows} rows of X.", nameof(sampleWeight));
        InputChecks.Features(a);
        InputChecks.Weights(sampleWeight);
        var classes = ClassLabels.Fit(y, out int[] index, nameof(y));
        if (classes.Count < 2)
            throw new ArgumentException($"y has a single class ({classes.Names[0]}); a classifier needs at least two.", nameof(y));
        double lambda = ResolveLambda(a.Rows);
        int outputs = Outputs(classes.Count);
        var (fitted, kept) = FittedColumns.Select(a, FitIntercept, separable: true);
        var shape = Shape(x.IsSparse, a.Rows, fitted.Columns, classes.Count).For(a);
        SolverKind solver = SolverSelection.Resolve(Solver, shape, ModelName);
        double[]? x0 = _classes is not null && _classes.Names.SequenceEqual(classes.Names) ? StartingPoint(a.Columns, outputs) : null;
        x0 = FittedColumns.Gather(x0, kept, a.Columns, outputs);
        var settings = Settings(solver, shape);
        Complete(a, outputs, lambda, () => Solve(fitted, index, classes.Count, sampleWeight, lambda, settings, x0), kept);
        _classes = classes;
        return this;
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

    /// <summary>The scores X·W + b: n×1 for two classes (positive = larger class), n×k otherwise.</summary>
    /// <param name="x">The features.</param>
    public double[,] DecisionFunction(FeatureMatrix x)
    {
        double[] s = Scores(x);
        int m = OutputCount, n = s.Length / m;
        var result = new double[n, m];
        Buffer.BlockCopy(s, 0, result, 0, s.Length * sizeof(double));
        return result;
    }

    /// <summary>The predicted class index (into <see cref="Classes"/>) of every row.</summary>
    /// <param name="x">The features.</param>
    public int[] PredictIndices(FeatureMatrix x)
    {
        double[] s = Scores(x);
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
    public string[] PredictText(FeatureMatrix x)
    {
        var names = Classes.Names;
        return PredictIndices(x).Select(c => names[c]).ToArray();
    }

    /// <summary>Accuracy, the fraction of rows whose predicted label equals <paramref name="y"/> (scikit-learn's score).</summary>
    /// <typeparam name="TLabel">The label type used in fit: numbers for numeric classes, strings for text classes.</typeparam>
    /// <param name="x">The features.</param>
    /// <param name="y">The true labels, each one of <see cref="Classes"/>.</param>
    /// <exception cref="ArgumentException">A label is not one of the classes, or is text where the classes are numbers (or
    /// the reverse); the message names the label and its index. (Counting such labels as wrong would hide a mix-up of
    /// label sets behind a low score.)</exception>
    public double Score<TLabel>(FeatureMatrix x, IReadOnlyList<TLabel> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        int[] truth = Classes.IndicesOf(y, nameof(y));
        int[] predicted = PredictIndices(x);
        if (y.Count != predicted.Length) throw new ArgumentException($"y has {y.Count} labels for {predicted.Length} rows of X.", nameof(y));
        if (predicted.Length == 0) return double.NaN;
        int right = 0;
        for (int i = 0; i < predicted.Length; i++) if (truth[i] == predicted[i]) right++;
        return (double)right / predicted.Length;
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

    /// <summary>The problem's description for solver selection.</summary>
    private protected abstract ProblemShape Shape(bool sparse, int samples, int features, int classes);

    /// <summary>Builds the objective(s) and runs the solver(s).</summary>
    private protected abstract IReadOnlyList<FitOutcome> Solve(ILinearMap x, int[] y, int classes, double[]? w, double lambda,
        FitSettings settings, double[]? x0);
}
