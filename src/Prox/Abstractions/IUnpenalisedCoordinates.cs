namespace OptSuite.Prox;

/// <summary>
/// A separable regulariser that may leave some coordinates unpenalised (r_j ≡ 0: a zero weight, glmnet's penalty.factor
/// 0). The conjugate of r_j ≡ 0 is the indicator of {0}, so no rescaling of a dual point makes it feasible unless its
/// correlation with column j is exactly 0; the duality gap of <c>LinearObjective</c> reads this to handle those
/// coordinates as held at their current values (see there).
/// </summary>
public interface IUnpenalisedCoordinates : ISeparableRegularizer
{
    /// <summary>Whether r_j ≡ 0 for coordinate <paramref name="j"/> (only by a zero weight; λ = 0 does not count).</summary>
    /// <param name="j">The coordinate index.</param>
    bool IsUnpenalised(int j);
}
