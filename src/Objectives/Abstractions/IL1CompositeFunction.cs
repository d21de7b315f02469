namespace OptSuite.Objectives;

/// <summary>
/// F(x) = f(x) + Σ_j λ_j |x_j| with f smooth: the form OWL-QN (Andrew &amp; Gao 2007) solves. Elastic-net objectives
/// fold their ridge part into f. λ_j = 0 for unpenalised coordinates such as an intercept.
/// </summary>
public interface IL1CompositeFunction : IDifferentiableFunction
{
    /// <summary>λ_j ≥ 0 for every coordinate (length <see cref="IDifferentiableFunction.Dimension"/>).</summary>
    ReadOnlySpan<double> L1Weights { get; }
}
