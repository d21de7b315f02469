namespace OptSuite.Prox;

/// <summary>R(w) = Σ_j λ_j |w_j|: what OWL-QN needs to know about an L1 penalty.</summary>
public interface IWeightedL1Regularizer : IRegularizer
{
    /// <summary>Writes λ_j ≥ 0 for each of the <paramref name="weights"/>.Length coordinates.</summary>
    /// <param name="weights">Destination, one weight per coordinate of w.</param>
    void GetWeights(Span<double> weights);
}
