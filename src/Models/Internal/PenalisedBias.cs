using OptSuite.LinearAlgebra;

namespace OptSuite.Models.Internal;

/// <summary>
/// LIBLINEAR's bias term (<c>-B</c>; scikit-learn's <c>intercept_scaling</c>): the data gain a constant column of value B,
/// whose coefficient w_B is penalised like the others, and the intercept is b = B·w_B. The augmented problem has no
/// unpenalised intercept, so the dual solvers apply to it.
/// </summary>
internal static class PenalisedBias
{
    /// <summary>
    /// The bias B a fit uses: the caller's, else B = 1 (LIBLINEAR's <c>-B 1</c>, LinearSVC's intercept_scaling = 1) for the
    /// hinge and Crammer–Singer losses, else none (an unpenalised intercept). Those two losses are not differentiable, so
    /// only their dual methods solve them, and the dual cannot carry an unpenalised intercept's equality constraint
    /// (Σ α_i y_i = 0 couples every coordinate): without this default their default estimators had no solver at all.
    /// </summary>
    public static double? Effective(double? scaling, bool nonsmoothLoss) => scaling ?? (nonsmoothLoss ? 1.0 : null);

    /// <summary>The problem on [X, B·1], marked so the runner turns its last row of W into the intercepts.</summary>
    public static FitProblem With(FitProblem augmented, double scaling)
    {
        augmented.BiasScaling = scaling;
        return augmented;
    }

    /// <summary>Whether the fit uses a penalised bias: an intercept is asked for and a scaling is set (checked here).</summary>
    public static bool Applies(bool fitIntercept, double? scaling)
    {
        if (scaling is { } b && !(b > 0 && double.IsFinite(b)))
            throw new ArgumentOutOfRangeException("InterceptScaling", b, "InterceptScaling must be finite and > 0 (or null for an unpenalised intercept).");
        return fitIntercept && scaling is not null;
    }

    /// <summary>[X, B·1] in X's storage kind (dense keeps its layout; CSR gains one entry per row; CSC one column).</summary>
    public static ILinearMap Append(ILinearMap x, double scaling)
    {
        return x.AppendConstantColumn(scaling);
    }

    /// <summary>A warm start (p×m coefficients, then m intercepts) for the augmented problem: w_B = b/B as row p.</summary>
    public static double[]? Start(double[]? x0, int p, int m, double scaling)
    {
        if (x0 is null) return null;
        var start = new double[(p + 1) * m];
        x0.AsSpan(0, p * m).CopyTo(start);
        for (int k = 0; k < m; k++) start[p * m + k] = x0[p * m + k] / scaling;
        return start;
    }

    /// <summary>Maps a solve of the augmented problem back: row p of W becomes the intercepts b = B·w_B.</summary>
    public static FitOutcome Split(FitOutcome augmented, int p, double scaling)
    {
        int m = augmented.Coefficients.Length / (p + 1);
        var intercepts = new double[m];
        for (int k = 0; k < m; k++) intercepts[k] = scaling * augmented.Coefficients[p * m + k];
        return augmented with { Coefficients = augmented.Coefficients[..(p * m)], Intercepts = intercepts };
    }
}
