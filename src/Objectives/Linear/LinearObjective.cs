using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;
using OptSuite.Prox;

namespace OptSuite.Objectives;

/// <summary>
/// F(w, b) = (1/Σc_i) Σ_i c_i·ℓ(y_i, x_i·w + b + o_i) + (μ/2)‖w‖² + R(w): a pointwise loss on a linear map (dense, CSR,
/// CSC or a MathNet adapter), an optional built-in ridge term μ, a regulariser R, an optional unpenalised intercept b and
/// an optional known offset o_i per sample (glmnet's <c>offset</c>: log exposure for count and amount models; 0 when none).
/// </summary>
/// <remarks>
/// The "mean over samples" convention of scikit-learn and jaxopt; LIBLINEAR's C corresponds to λ = 1/(n·C).
/// The point x packs w (length p) followed by b when <see cref="FitIntercept"/>. As an <see cref="ICompositeFunction"/>
/// the smooth part f is the data term plus the ridge term and g = R. The objective owns scratch buffers of length n, so
/// one instance must not be evaluated from two threads at once; evaluations allocate nothing.
/// <para>The duality gap uses the dual point u_i = ℓ′(y_i, z_i), first made to satisfy Σ a_i u_i = 0 when there is an
/// intercept (u minus its a-weighted mean when every dom ℓ*(y_i, ·) is ℝ, as for the squared loss — the projection, and what
/// centring the data does; otherwise the side in excess is shrunk towards 0, which keeps u in dom ℓ*), then — without a ridge term — divided by
/// max(1, gauge of −Aᵀ(a⊙u) for dom R*), the rescaling of scikit-learn's Lasso gap and of celer (Massias et al. 2018).
/// With μ &gt; 0 the conjugate of (μ/2)‖·‖² + R is finite everywhere and evaluated through the prox of R. Without it,
/// coordinates R leaves unpenalised (<see cref="OptSuite.Prox.IUnpenalisedCoordinates"/>) need Aᵀ(a⊙u) = 0 (or a sign) on
/// their columns, which no rescaling gives: u is first projected onto those constraints (see <c>DualValueAt</c>).</para>
/// <para>An offset o enters only the scores: z = Aw + b + o everywhere a score is formed (here, and by the solvers that keep
/// their own scores, through <see cref="AddOffset"/>); the loss's conjugate in the dual becomes ℓ*(y_i, u_i) − u_i·o_i,
/// the conjugate of z ↦ ℓ(y_i, z + o_i).</para>
/// </remarks>
/// <typeparam name="TLoss">The pointwise loss.</typeparam>
/// <typeparam name="TReg">The regulariser on w.</typeparam>
public sealed partial class LinearObjective<TLoss, TReg> : ICompositeFunction
    where TLoss : struct, ILoss
    where TReg : struct, IRegularizer
{
    private readonly TLoss _loss;
    private readonly TReg _reg;
    private readonly ILinearMap _a;
    private readonly double[] _labels;
    private readonly double[]? _weights;     // a_i = c_i / Σc, null when uniform (a_i = 1/n)
    private readonly double[]? _offset;      // o_i, null when none
    private readonly double _uniformWeight;  // 1/n
    private readonly double _ridge;
    private readonly double[] _scores;       // z = Aw + b
    private readonly double[] _residual;     // a_i·ℓ′(y_i, z_i)
    private readonly double[] _scratchP;     // length p
    private readonly double[] _scratchP2;    // length p
    private readonly bool _shiftBalance;      // every dom ℓ*(y_i, ·) is ℝ: balance u by a shift
    private readonly SampleSums _sums;        // sums over samples: local, or over the ranks of distributed rows
    private readonly UnpenalisedProjection? _projection;   // zero penalty factors without a ridge term, null when none

    /// <summary>Builds the objective; the inputs are validated and copied where the objective keeps them.</summary>
    /// <param name="data">The n×p data matrix A (rows are samples).</param>
    /// <param name="labels">The n labels (checked against the loss's convention).</param>
    /// <param name="loss">The loss ℓ. A non-convex one (<see cref="ILoss.IsConvex"/> false: the Tweedie loss with power
    /// above 2, the focal loss) gives an objective without a duality gap (<see cref="HasDualityGap"/> false), for the solvers
    /// that certify a stationary point by the gradient or prox-gradient residual.</param>
    /// <param name="regularizer">The regulariser R on w.</param>
    /// <param name="ridge">μ ≥ 0, the built-in (μ/2)‖w‖² term (elastic net puts its L2 part here).</param>
    /// <param name="fitIntercept">Whether to fit an unpenalised intercept b.</param>
    /// <param name="sampleWeights">Optional weights c_i ≥ 0 (finite, positive sum); uniform when empty.</param>
    /// <param name="offset">Optional known terms o_i (finite) added to every score; none when empty.</param>
    public LinearObjective(ILinearMap data, ReadOnlySpan<double> labels, TLoss loss, TReg regularizer,
        double ridge = 0, bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default, ReadOnlySpan<double> offset = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        loss.ValidateParameters();
        if (!(ridge >= 0 && double.IsFinite(ridge)))
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge strength μ must be finite and ≥ 0.");
        int n = data.Rows;
        if (labels.Length != n)
            throw new ArgumentException($"There are {labels.Length} labels for {n} rows of data.", nameof(labels));
        long total = SampleSums.GlobalRows(data);
        if (total == 0) throw new ArgumentException("The data have no rows.", nameof(data));
        _sums = SampleSums.Of(data);
        _shiftBalance = true;
        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(labels[i]))
                throw new ArgumentException($"labels[{i}] = {labels[i]} is not finite.", nameof(labels));
            try { loss.ValidateLabel(labels[i]); }
            catch (ArgumentException e) { throw new ArgumentException($"labels[{i}]: {e.Message}", nameof(labels), e); }
            _shiftBalance &= loss.ConjugateDomain(labels[i]) == Interval.All;
        }
        DataChecks.RequireFinite(data, nameof(data));
        _weights = DataChecks.NormalisedWeights(sampleWeights, n, nameof(sampleWeights), _sums);
        _offset = Offsets(offset, n);
        HasOffset = _offset is not null;
        if (_sums.Distributed)
        {
            _shiftBalance = _sums.Max(_shiftBalance ? 0 : 1) == 0;
            HasOffset = AgreedOffsets(_offset is not null, n, _sums);
        }

        _a = data;
        _labels = labels.ToArray();
        _loss = loss;
        _reg = regularizer;
        _ridge = ridge;
        _uniformWeight = 1.0 / total;
        _projection = ridge == 0 ? UnpenalisedProjection.For(regularizer, data, _weights, _uniformWeight, fitIntercept) : null;
        SamplesOverAllRanks = total;
        FitIntercept = fitIntercept;
        Features = data.Columns;
        _scores = new double[n];
        _residual = new double[n];
        _scratchP = new double[data.Columns];
        _scratchP2 = new double[data.Columns];
    }

    /// <summary>
    /// The same data, labels, loss, intercept and sample weights with another regulariser and ridge strength, without
    /// validating or copying the data again: a regularisation path builds one objective per λ this way.
    /// </summary>
    /// <param name="regularizer">The regulariser R on w.</param>
    /// <param name="ridge">μ ≥ 0, the built-in (μ/2)‖w‖² term.</param>
    public LinearObjective<TLoss, TReg> WithRegularizer(TReg regularizer, double ridge = 0) => new(this, regularizer, ridge);

    private LinearObjective(LinearObjective<TLoss, TReg> source, TReg regularizer, double ridge)
    {
        if (!(ridge >= 0 && double.IsFinite(ridge)))
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge strength μ must be finite and ≥ 0.");
        _a = source._a;
        _labels = source._labels;       // never written after construction
        _weights = source._weights;
        _offset = source._offset;       // never written after construction
        HasOffset = source.HasOffset;
        _loss = source._loss;
        _reg = regularizer;
        _ridge = ridge;
        _uniformWeight = source._uniformWeight;
        _projection = ridge == 0
            ? UnpenalisedProjection.For(regularizer, _a, _weights, _uniformWeight, source.FitIntercept, source._projection)
            : null;
        _shiftBalance = source._shiftBalance;
        _sums = source._sums;
        SamplesOverAllRanks = source.SamplesOverAllRanks;
        FitIntercept = source.FitIntercept;
        Features = source.Features;
        _scores = new double[_labels.Length];
        _residual = new double[_labels.Length];
        _scratchP = new double[Features];
        _scratchP2 = new double[Features];
    }

    /// <summary>p, the number of coefficients w.</summary>
    public int Features { get; }

    /// <summary>n, the number of samples (this rank's, when the rows are distributed).</summary>
    public int Samples => _labels.Length;

    /// <summary>The number of samples over all ranks (<see cref="Samples"/> unless the rows are distributed).</summary>
    public long SamplesOverAllRanks { get; }

    /// <summary>Sums over samples: over the ranks of distributed rows, so every rank gets the same bits.</summary>
    public SampleSums Sums => _sums;

    /// <summary>Whether x carries an intercept after w.</summary>
    public bool FitIntercept { get; }

    /// <summary>
    /// True when the intercept's dual constraint Σ a_i u_i = 0 is met by subtracting the a-weighted mean of
    /// u_i = ℓ′(y_i, z_i) (every dom ℓ*(y_i, ·) is ℝ, as for the squared loss): then Aᵀ(a⊙u) = Aᵀ(a⊙ℓ′) − m·Aᵀa with
    /// m = Σ a_i ℓ′(y_i, z_i), so a solver that has the gradient needs no further pass for the dual correlations.
    /// </summary>
    public bool BalancesDualByShift => _shiftBalance;

    /// <summary>The ridge strength μ of the built-in (μ/2)‖w‖² term.</summary>
    public double Ridge => _ridge;

    /// <summary>The labels (a copy made at construction).</summary>
    public ReadOnlySpan<double> Labels => _labels;

    /// <summary>The normalised sample weights a_i = c_i/Σc, or empty when uniform (a_i = 1/n).</summary>
    public ReadOnlySpan<double> SampleWeights => _weights;

    /// <summary>The offsets o_i (a copy made at construction), or empty when there are none.</summary>
    public ReadOnlySpan<double> Offset => _offset;

    /// <summary>Whether the scores carry offsets: on rows split across ranks, whether any rank's rows have them (the same
    /// answer on every rank, so every rank's solver makes the same choices; a rank without rows has an empty
    /// <see cref="Offset"/> either way).</summary>
    public bool HasOffset { get; }

    /// <summary>Adds the offsets to scores Aw + b a solver formed itself (nothing when there are none): every score the
    /// objective's methods take or form is z = Aw + b + o.</summary>
    /// <param name="scores">Aw + b on entry, z on return (length n).</param>
    public void AddOffset(Span<double> scores)
    {
        CheckScores(scores);
        if (_offset is not null) TensorPrimitives.Add(scores, _offset, scores);
    }

    /// <summary>Whether the ranks' rows carry offsets, agreed in one all-reduce: the ranks with rows must all give them or
    /// all not (a rank without rows has nothing to give and follows the others).</summary>
    private static bool AgreedOffsets(bool local, int n, SampleSums sums)
    {
        var (with, without) = sums.Sum(n > 0 && local ? 1 : 0, n > 0 && !local ? 1 : 0);
        if (with > 0 && without > 0)
            throw new ArgumentException($"Offsets are given for the rows of {with} rank(s) but not for those of {without}: every rank with rows must pass its rows' offsets, or none.", "offset");
        return with > 0;
    }

    private static double[]? Offsets(ReadOnlySpan<double> offset, int n)
    {
        if (offset.IsEmpty) return null;
        if (offset.Length != n) throw new ArgumentException($"There are {offset.Length} offsets for {n} rows of data.", nameof(offset));
        for (int i = 0; i < n; i++)
            if (!double.IsFinite(offset[i])) throw new ArgumentException($"offset[{i}] = {offset[i]} is not finite.", nameof(offset));
        return offset.ToArray();
    }

    /// <summary>The loss.</summary>
    public TLoss Loss => _loss;

    /// <summary>The regulariser.</summary>
    public TReg Regularizer => _reg;

    /// <summary>The data matrix.</summary>
    public ILinearMap Data => _a;

    /// <inheritdoc/>
    public int Dimension => Features + (FitIntercept ? 1 : 0);

    /// <summary>F(x) = f(x) + R(w), the full objective.</summary>
    /// <param name="x">The point (w, then b).</param>
    public double TotalValue(ReadOnlySpan<double> x) => Value(x) + NonsmoothValue(x);

    /// <summary>
    /// F(x) from scores z = Aw + b + o the caller has formed (trusted): the same value as <see cref="TotalValue(ReadOnlySpan{double})"/>
    /// without its product, for a solver that can form z more cheaply (from the non-zero coefficients' columns).
    /// </summary>
    /// <param name="x">The point (w, then b).</param>
    /// <param name="scores">z = Aw + b + o at <paramref name="x"/>, length n.</param>
    public double TotalValue(ReadOnlySpan<double> x, ReadOnlySpan<double> scores)
    {
        CheckLength(x.Length, nameof(x));
        CheckScores(scores);
        scores.CopyTo(_scores);
        return DataTerm() + RidgeTerm(W(x)) + NonsmoothValue(x);
    }

    private ReadOnlySpan<double> W(ReadOnlySpan<double> x) => x[..Features];

    private double Intercept(ReadOnlySpan<double> x) => FitIntercept ? x[Features] : 0.0;

    private void CheckLength(int length, string name)
    {
        if (length != Dimension)
            throw new ArgumentException($"{name} has length {length}; the objective has dimension {Dimension} ({Features} coefficients{(FitIntercept ? " + intercept" : "")}).", name);
    }
}
