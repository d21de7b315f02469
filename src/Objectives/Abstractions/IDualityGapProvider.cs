namespace OptSuite.Objectives;

/// <summary>A function that can certify a point with a duality gap (a bound on its suboptimality).</summary>
public interface IDualityGapProvider
{
    /// <summary>Whether <see cref="DualityGap"/> is available.</summary>
    bool HasDualityGap { get; }

    /// <summary>
    /// A duality gap F(x) − D(θ(x)) ≥ 0 at x with a feasible dual point θ(x) built from x (0 exactly at the optimum);
    /// NaN when <see cref="HasDualityGap"/> is false. Costs about one pass over the data.
    /// </summary>
    /// <param name="x">The primal point.</param>
    double DualityGap(ReadOnlySpan<double> x);
}
