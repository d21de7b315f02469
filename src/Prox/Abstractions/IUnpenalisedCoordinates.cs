namespace OptSuite.Prox;

/// <summary>
/// A separable regulariser that may leave some coordinates unpenalised (a zero weight, glmnet's penalty.factor 0), so
/// that r_j is 0 or the indicator of a bound. The conjugate of r_j is then the indicator of c = 0 (no bound), of a sign
/// of c (one bound) or finite (two bounds): no rescaling of a dual point reaches it unless its correlation with column j
/// is exactly 0 or of the right sign. The duality gap of <c>LinearObjective</c> reads these directions to make the dual
/// point exactly feasible for those coordinates (see there).
/// </summary>
public interface IUnpenalisedCoordinates : ISeparableRegularizer
{
    /// <summary>
    /// The directions in which w_j may move without bound and at no cost: <see cref="FreeDirections.Both"/> for a zero
    /// weight without bounds, <see cref="FreeDirections.Up"/> or <see cref="FreeDirections.Down"/> for a zero weight with
    /// a bound on the other side only, <see cref="FreeDirections.None"/> otherwise. Only a zero weight counts (λ = 0 does
    /// not: that is an unregularised problem, not a few unpenalised coordinates).
    /// </summary>
    /// <param name="j">The coordinate index.</param>
    FreeDirections UnpenalisedDirections(int j);
}
