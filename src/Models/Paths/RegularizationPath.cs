namespace OptSuite.Models;

/// <summary>
/// The solutions of a penalised model over a decreasing grid of λ, each warm-started from the previous one, as
/// returned by <see cref="LassoPath"/>, <see cref="ElasticNetPath"/> and <see cref="LogisticPath"/>.
/// </summary>
public sealed class RegularizationPath
{
    internal RegularizationPath(string model, IReadOnlyList<PathPoint> points, double lambdaMax, double? lambdaMinRatio,
        double l1Ratio, bool fitIntercept, int samples, int features, PathTermination termination, TimeSpan elapsed,
        ClassLabels? classes, int outputs = 1)
    {
        OutputCount = outputs;
        Model = model;
        Points = points;
        LambdaMax = lambdaMax;
        LambdaMinRatio = lambdaMinRatio;
        L1Ratio = l1Ratio;
        FitIntercept = fitIntercept;
        Samples = samples;
        FeatureCount = features;
        Termination = termination;
        Elapsed = elapsed;
        Classes = classes;
    }

    /// <summary>The model's command-line name (lasso, elastic-net, logistic).</summary>
    public string Model { get; }

    /// <summary>The solved points, in decreasing λ.</summary>
    public IReadOnlyList<PathPoint> Points { get; }

    /// <summary>The λ of every solved point (a copy), decreasing.</summary>
    public double[] Lambdas => Points.Select(p => p.Lambda).ToArray();

    /// <summary>λ_max for the data: the smallest λ at which w = 0 is optimal (see <see cref="LinearPath"/>).</summary>
    public double LambdaMax { get; }

    /// <summary>ε, the grid's λ_min/λ_max; null when the caller supplied the λ values.</summary>
    public double? LambdaMinRatio { get; }

    /// <summary>α, the L1 share of the penalty λ(α‖w‖₁ + (1 − α)/2‖w‖²).</summary>
    public double L1Ratio { get; }

    /// <summary>Whether an unpenalised intercept was fitted.</summary>
    public bool FitIntercept { get; }

    /// <summary>n, the number of samples.</summary>
    public int Samples { get; }

    /// <summary>p, the number of features.</summary>
    public int FeatureCount { get; }

    /// <summary>Why the path ended (the whole grid, glmnet's deviance rules, or cancellation).</summary>
    public PathTermination Termination { get; }

    /// <summary>Wall time of the whole path (λ_max, every solve, bookkeeping).</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>The classes of a logistic path (the larger of the two is the positive class); null for regression.</summary>
    public ClassLabels? Classes { get; }

    /// <summary>The solver iterations summed over the points.</summary>
    public int TotalIterations => Points.Sum(p => p.Iterations);

    /// <summary>Whether every point's solver converged.</summary>
    public bool Converged => Points.All(p => p.Converged);

    /// <summary>m, the coefficients per feature: 1, or k for a multinomial path (whose points hold p×k coefficients,
    /// row-major, entry j·k + c, and k intercepts in <see cref="PathPoint.Intercepts"/>).</summary>
    public int OutputCount { get; }

    /// <summary>The dense coefficients of point <paramref name="index"/> (p values, or p·k row-major for k outputs).</summary>
    /// <param name="index">The point's index in <see cref="Points"/>.</param>
    public double[] Coefficients(int index)
    {
        if ((uint)index >= (uint)Points.Count)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The path has {Points.Count} points.");
        return Points[index].ToDense(FeatureCount * OutputCount);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Model} path: {Points.Count} points, λ from {LambdaMax:G6} to {(Points.Count > 0 ? Points[^1].Lambda : LambdaMax):G6}, " +
        $"{Termination}, {TotalIterations} iterations in {Elapsed.TotalSeconds:G4} s";
}
