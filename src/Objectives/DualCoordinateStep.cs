namespace OptSuite.Objectives;

/// <summary>How a loss's one-sample dual sub-problem is solved by dual coordinate descent, if it has one.</summary>
/// <remarks>
/// For min_w (1/Σc)Σ c_i ℓ(y_i, x_i·w) + (λ/2)‖w‖², LIBLINEAR's dual (Hsieh et al. 2008; Yu, Huang &amp; Lin 2011 for the
/// logistic loss) has one variable α_i per sample. <see cref="DualCoordinateKind.BoxQuadratic"/> losses give the
/// sub-problem min over 0 ≤ α ≤ U_i of ½(Q_ii + D_i)α² + gα, solved in closed form, with U_i = <see cref="UpperBound"/>·C_i
/// and D_i = <see cref="DiagonalShift"/>/C_i (C_i the sample's weight in LIBLINEAR's C scaling): the hinge loss has
/// U = 1, D = 0; the squared hinge U = +∞, D = ½. <see cref="DualCoordinateKind.Logistic"/> is the entropic dual
/// α log α + (C − α) log(C − α), solved by a safeguarded Newton iteration. <see cref="DualCoordinateKind.EpsilonInsensitive"/>
/// is support vector regression's dual (Ho &amp; Lin 2012): one β_i ∈ [−U_i, U_i] per sample, w = Σβ_i x_i, and the
/// sub-problem min ½(Q_ii + D_i)β² + gβ + ε|β| over the box, solved in closed form; the ε-insensitive loss has U = 1,
/// D = 0, the squared one (max(0, |r| − ε)², LIBLINEAR's L2 loss) U = +∞, D = ½, with ε = <see cref="Epsilon"/>. A loss opts in by returning one of these from
/// <see cref="ILoss.DualStep"/>; the solver asks the loss, never its type.
/// </remarks>
/// <param name="Kind">Which sub-problem, or <see cref="DualCoordinateKind.None"/>.</param>
/// <param name="UpperBound">U: the box's upper end in units of the sample's C_i (+∞ for none); box-quadratic only.</param>
/// <param name="DiagonalShift">D: the quadratic term's shift in units of 1/C_i; box-quadratic only.</param>
public readonly record struct DualCoordinateStep(DualCoordinateKind Kind, double UpperBound, double DiagonalShift)
{
    /// <summary>ε, the width of the insensitive tube; <see cref="DualCoordinateKind.EpsilonInsensitive"/> only (0 otherwise).</summary>
    public double Epsilon { get; init; }

    /// <summary>No dual coordinate step: dual coordinate descent refuses the loss.</summary>
    public static DualCoordinateStep None => new(DualCoordinateKind.None, 0, 0);

    /// <summary>The box-constrained quadratic sub-problem with box [0, U·C_i] and diagonal shift D/C_i.</summary>
    /// <param name="upperBound">U, positive (+∞ for no upper bound).</param>
    /// <param name="diagonalShift">D ≥ 0.</param>
    public static DualCoordinateStep BoxQuadratic(double upperBound, double diagonalShift) => new(DualCoordinateKind.BoxQuadratic, upperBound, diagonalShift);

    /// <summary>Support vector regression's sub-problem: box [−U·C_i, U·C_i], diagonal shift D/C_i and the term ε|β|.</summary>
    /// <param name="upperBound">U, positive (+∞ for no bound).</param>
    /// <param name="diagonalShift">D ≥ 0.</param>
    /// <param name="epsilon">ε ≥ 0.</param>
    public static DualCoordinateStep EpsilonInsensitive(double upperBound, double diagonalShift, double epsilon) =>
        new(DualCoordinateKind.EpsilonInsensitive, upperBound, diagonalShift) { Epsilon = epsilon };

    /// <summary>The logistic loss's entropic sub-problem.</summary>
    public static DualCoordinateStep Logistic => new(DualCoordinateKind.Logistic, 1, 0);
}

/// <summary>The families of one-sample dual sub-problems; see <see cref="DualCoordinateStep"/>.</summary>
public enum DualCoordinateKind
{
    /// <summary>The loss has no dual coordinate step.</summary>
    None,

    /// <summary>A box-constrained one-dimensional quadratic (hinge, squared hinge).</summary>
    BoxQuadratic,

    /// <summary>The logistic loss's entropic sub-problem.</summary>
    Logistic,

    /// <summary>Support vector regression's box-constrained quadratic with an ε|β| term (ε-insensitive losses).</summary>
    EpsilonInsensitive,
}
