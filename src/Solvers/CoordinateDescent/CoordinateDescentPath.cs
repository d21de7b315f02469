using System.Diagnostics;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;

namespace OptSuite.Solvers;

/// <summary>
/// Regularisation paths of (1/Σc)Σ c_i ℓ(y_i, x_i·w + b) + λ(α Σ_j c_j|w_j| + (1 − α)/2‖w‖²) over a decreasing λ grid:
/// lasso and elastic-net paths with the squared loss, L1-logistic paths, and any other smooth loss.
/// </summary>
/// <remarks>
/// glmnet's recipe (Friedman, Hastie &amp; Tibshirani 2010), with the grid, λ_max and null model the model-level paths
/// use too (<see cref="LambdaGrid"/>, <see cref="NullModel"/>): λ_max computed exactly from the null model (the
/// intercept alone, with sample weights: w = 0 is optimal iff λα c_j ≥ |∂_j L(0, b₀)| for every j; for α &lt; 10⁻³,
/// glmnet's convention divides by 10⁻³ instead of α), a geometric grid of
/// <see cref="CoordinateDescentPathOptions.Count"/> values down to ε·λ_max (ε = 1e-2 when n &lt; p, else 1e-4), warm
/// starts from the null model and then from each previous solution, and the sequential strong rule (Tibshirani et al. 2012): at λ_k start on the features with
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
        var session = new CoordinateDescentPathSession<TLoss>(x, y, loss, options.L1Ratio, options.FitIntercept, weights, factors);
        double lambdaMax = session.LambdaMax, b0 = session.NullIntercept;

        IReadOnlyList<double> grid = options.Lambdas ?? LambdaGrid.LogSpaced(lambdaMax, options.Count,
            options.MinRatio ?? LambdaGrid.DefaultMinRatio(x.Rows, p));

        var points = new List<CoordinateDescentPathPoint>(grid.Count);
        var clock = Stopwatch.StartNew();
        foreach (double lambda in grid)
        {
            if (cancellationToken.IsCancellationRequested) break;
            var (result, screened) = session.Solve(lambda, default, options.Solver, options.StrongRules, cancellationToken);
            double[] w = result.Solution.AsSpan(0, p).ToArray();
            int nonZeros = 0;
            foreach (double v in w) if (v != 0) nonZeros++;
            points.Add(new CoordinateDescentPathPoint(lambda, w, options.FitIntercept ? result.Solution[p] : 0.0, result.Objective,
                result.DualityGap ?? double.NaN, result.Iterations, result.StopReason, result.Elapsed, nonZeros, screened));
        }
        return new CoordinateDescentPathResult { LambdaMax = lambdaMax, NullIntercept = b0, Points = points, Elapsed = clock.Elapsed };
    }

    /// <summary>λ_max·ε^{k/(count−1)}, k = 0 … count − 1 (glmnet's log-spaced grid): <see cref="LambdaGrid.LogSpaced"/>.</summary>
    /// <param name="lambdaMax">The largest value.</param>
    /// <param name="count">Number of values.</param>
    /// <param name="minRatio">ε = λ_min/λ_max.</param>
    [Obsolete("Use LambdaGrid.LogSpaced, the grid of every path.")]
    public static double[] Grid(double lambdaMax, int count, double minRatio) => LambdaGrid.LogSpaced(lambdaMax, count, minRatio);
}
