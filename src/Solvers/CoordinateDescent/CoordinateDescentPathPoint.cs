namespace OptSuite.Solvers;

/// <summary>One solution of a regularisation path computed by <see cref="CoordinateDescentPath"/>.</summary>
/// <param name="Lambda">The penalty strength λ.</param>
/// <param name="Coefficients">w (length p; a fresh array).</param>
/// <param name="Intercept">b (0 without an intercept).</param>
/// <param name="Objective">F(w, b) at this λ.</param>
/// <param name="DualityGap">The duality gap F − D certifying the solution.</param>
/// <param name="Iterations">Outer (proximal-Newton) iterations.</param>
/// <param name="StopReason">Why the solve at this λ stopped.</param>
/// <param name="Elapsed">Solver time at this λ.</param>
/// <param name="NonZeros">Number of non-zero coefficients.</param>
/// <param name="ScreenedFeatures">Features removed by gap-safe screening at this λ.</param>
public sealed record CoordinateDescentPathPoint(double Lambda, double[] Coefficients, double Intercept, double Objective, double DualityGap,
    int Iterations, StopReason StopReason, TimeSpan Elapsed, int NonZeros, int ScreenedFeatures);
