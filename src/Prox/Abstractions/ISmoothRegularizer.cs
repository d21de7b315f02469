namespace OptSuite.Prox;

/// <summary>A differentiable regulariser (squared L2, "none"): what lets quasi-Newton solvers treat R as smooth.</summary>
public interface ISmoothRegularizer : IRegularizer
{
    /// <summary>R(w), adding ∇R(w) into <paramref name="gradient"/> (gradient += ∇R(w)).</summary>
    /// <param name="w">The point.</param>
    /// <param name="gradient">Accumulator, same length as <paramref name="w"/>.</param>
    double ValueAddGradient(ReadOnlySpan<double> w, Span<double> gradient);

    /// <summary>The Lipschitz constant of ∇R.</summary>
    double GradientLipschitz { get; }
}
