using System.Diagnostics;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Solvers;

/// <summary>
/// Regularisation paths of (1/Σc)Σ c_i ℓ(y_i, x_i·w + b) + λ(α Σ_j c_j|w_j| + (1 − α)/2‖w‖²) over a decreasing λ grid:
/// lasso and elastic-net paths with the squared loss, L1-logistic paths, and any other smooth loss.
/// </summary>
/// <remarks>
/// glmnet's recipe (Friedman, Hastie &amp; Tibshirani 2010): λ_max computed exactly from the null model (the intercept
/// alone, with sample weights: w = 0 is optimal iff λα c_j ≥ |∂_j L(0, b₀)| for every j), a geometric grid of
/// <see cref="CoordinateDescentPathOptions.Count"/> values down to ε·λ_max (ε = 1e-2 when n &lt; p, else 1e-4), warm
/// starts, and the sequential strong rule (Tibshirani et al. 2012): at λ_k start on the features with
/// |∂_j L(w(λ_{k−1}))| ≥ α c_j(2λ_k − λ_{k−1}) and the non-zeros. The coordinate-descent solver then checks the KKT
/// conditions and the duality gap on every feature, so a feature the rule missed enters the working set and each point
/// is certified by its gap. The data are converted to column storage once for the whole path.
/// </remarks>
public static class CoordinateDescentPath
{
    /// <summary>Computes the path.</summary>
    /// <param name="x">The n×p data (CSR, CSC or dense).</param>
    /// <param name="y">The n labels.</param>
    /// <param name="loss">The loss (smooth: squared, logistic, Huber, Poisson, …).</param>
    /// <param name="options">Penalty, grid and solver options; defaults when null.</param>
    /// <param name="cancellationToken">Stops after the current point; the points computed so far are returned.</param>
    /// <typeparam name="TLoss">The loss.</typeparam>
    public static CoordinateDescentPathResult Compute<TLoss>(ILinearMap x, ReadOnlySpan<double> y, TLoss loss,
        CoordinateDescentPathOptions? options = null, CancellationToken cancellationToken = default)
        where TLoss : struct, ILoss
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= new CoordinateDescentPathOptions();
        options.Validate();
        int p = x.Columns;
        double[]? factors = options.PenaltyFactors?.ToArray();
        if (factors is not null && factors.Length != p)
            throw new ArgumentException($"There are {factors.Length} penalty factors for {p} features.", nameof(options));
        double[]? weights = options.SampleWeights?.ToArray();
        ILinearMap data = ColumnMajorSparse.From(x);
        double alpha = options.L1Ratio;

        var probe = Build(data, y, loss, factors, weights, 0, alpha, options.FitIntercept);
        var gradient = new double[p];
        double b0 = probe.NullModel(gradient);
        double lambdaMax = 0;
        for (int j = 0; j < p; j++)
        {
            double c = factors is null ? 1.0 : factors[j];
            if (c > 0) lambdaMax = Math.Max(lambdaMax, Math.Abs(gradient[j]) / c);
        }
        lambdaMax /= alpha;

        IReadOnlyList<double> grid = options.Lambdas ?? Grid(lambdaMax, options.Count,
            options.MinRatio ?? (x.Rows < p ? 1e-2 : 1e-4));

        var start = new double[p + (options.FitIntercept ? 1 : 0)];
        if (options.FitIntercept) start[p] = b0;
        var points = new List<CoordinateDescentPathPoint>(grid.Count);
        var strong = new bool[p];
        double previous = Math.Max(lambdaMax, grid[0]);
        var clock = Stopwatch.StartNew();
        CoordinateDescentState<TLoss, L1Norm>? last = null;
        foreach (double lambda in grid)
        {
            if (cancellationToken.IsCancellationRequested) break;
            // The data were validated once (probe); each λ shares them, and the state reuses the previous one's column
            // norms and scores.
            var f = probe.WithRegularizer(Penalty(factors, lambda, alpha), lambda * (1 - alpha));
            bool[]? hint = null;
            if (options.StrongRules)
            {
                double threshold = alpha * (2 * lambda - previous);
                for (int j = 0; j < p; j++)
                {
                    double c = factors is null ? 1.0 : factors[j];
                    strong[j] = start[j] != 0 || c == 0 || Math.Abs(gradient[j]) >= c * threshold;
                }
                hint = strong;
            }
            var state = new CoordinateDescentState<TLoss, L1Norm>(f, start, options.Solver, hint, last);
            last = state;
            var result = state.ToResult(SolverLoop.Run(state, options.Solver, cancellationToken));

            // The data-term gradient at this solution (the solver's last gradient minus the ridge part) for the next rule.
            ReadOnlySpan<double> g = state.Gradient;
            double ridge = lambda * (1 - alpha);
            for (int j = 0; j < p; j++) gradient[j] = g[j] - ridge * result.Solution[j];
            result.Solution.AsSpan().CopyTo(start);

            double[] w = result.Solution.AsSpan(0, p).ToArray();
            int nonZeros = 0;
            foreach (double v in w) if (v != 0) nonZeros++;
            points.Add(new CoordinateDescentPathPoint(lambda, w, options.FitIntercept ? result.Solution[p] : 0.0, result.Objective,
                result.DualityGap ?? double.NaN, result.Iterations, result.StopReason, result.Elapsed, nonZeros, state.ScreenedFeatures));
            previous = lambda;
        }
        return new CoordinateDescentPathResult { LambdaMax = lambdaMax, NullIntercept = b0, Points = points, Elapsed = clock.Elapsed };
    }

    /// <summary>λ_max·ε^{k/(count−1)}, k = 0 … count − 1 (glmnet's log-spaced grid).</summary>
    /// <param name="lambdaMax">The largest value.</param>
    /// <param name="count">Number of values.</param>
    /// <param name="minRatio">ε = λ_min/λ_max.</param>
    public static double[] Grid(double lambdaMax, int count, double minRatio)
    {
        if (!(lambdaMax > 0 && double.IsFinite(lambdaMax)))
            throw new ArgumentOutOfRangeException(nameof(lambdaMax), lambdaMax, "λ_max must be finite and > 0 (is y constant, or every feature empty?).");
        if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), count, "The grid needs at least one value.");
        if (!(minRatio > 0 && minRatio < 1)) throw new ArgumentOutOfRangeException(nameof(minRatio), minRatio, "ε must lie in (0, 1).");
        var grid = new double[count];
        for (int k = 0; k < count; k++) grid[k] = count == 1 ? lambdaMax : lambdaMax * Math.Pow(minRatio, (double)k / (count - 1));
        return grid;
    }

    private static LinearObjective<TLoss, L1Norm> Build<TLoss>(ILinearMap data, ReadOnlySpan<double> y, TLoss loss, double[]? factors,
        double[]? weights, double lambda, double alpha, bool intercept)
        where TLoss : struct, ILoss
    {
        return new LinearObjective<TLoss, L1Norm>(data, y, loss, Penalty(factors, lambda, alpha), lambda * (1 - alpha), intercept, weights);
    }

    private static L1Norm Penalty(double[]? factors, double lambda, double alpha) =>
        factors is null ? new L1Norm(lambda * alpha) : new L1Norm(lambda * alpha, factors);
}
