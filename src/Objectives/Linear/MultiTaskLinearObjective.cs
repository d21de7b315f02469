using OptSuite.LinearAlgebra;
using OptSuite.Prox;

namespace OptSuite.Objectives;

/// <summary>
/// The multi-task (multi-output) least-squares objective F(W, b) = (1/Σc_i) Σ_i c_i·½‖y_i − Wᵀx_i − b‖² +
/// (μ/2)‖W‖²_F + R(W): n samples, k tasks sharing the data X, a p×k weight matrix W stored row-major (row W_j· holds
/// feature j's k coefficients, the block of the L2,1 norm) and optional k unpenalised intercepts.
/// </summary>
/// <remarks>
/// With uniform weights and R = α‖W‖₂,₁ this is scikit-learn's MultiTaskLasso, (1/(2n))‖Y − XW − 1bᵀ‖²_F + α Σ_j ‖W_j·‖₂
/// (its <c>coef_</c> is Wᵀ); with μ = α(1 − ρ) and R = αρ‖W‖₂,₁ it is MultiTaskElasticNet (l1_ratio ρ) and glmnet's
/// <c>family = "mgaussian"</c> (Obozinski, Taskar &amp; Jordan 2010). The point x packs W row-major (p·k entries) then b
/// (k entries) when <see cref="FitIntercept"/>, the layout of <see cref="MulticlassLinearObjective{TLoss, TReg}"/>. One evaluation costs k Apply and k ApplyTranspose products.
/// <para>Duality gap: the dual point is the residual U = XW + 1bᵀ − Y (the loss gradient), centred task by task with
/// the sample weights when there is an intercept (dom ℓ* is all of ℝᵏ for the squared loss, so centring keeps it
/// feasible), then — without ridge — divided by s = max(1, ‖Xᵀ(a⊙U)‖_{2,∞}/α) for the L2,1 norm (in general the gauge
/// of dom R*), the rescaling of scikit-learn's multi-task gap and of celer (Massias, Gramfort &amp; Salmon 2018).
/// D(U) = −Σ a_i (½‖U_i/s‖² + ⟨U_i/s, y_i⟩) − H*(−Xᵀ(a⊙U)/s) with H = (μ/2)‖·‖²_F + R.</para>
/// Not thread-safe (scratch buffers); evaluations allocate nothing.
/// </remarks>
/// <typeparam name="TReg">The regulariser on the p·k entries of W (row-major): <c>L21Norm</c> for the multi-task lasso.</typeparam>
public sealed partial class MultiTaskLinearObjective<TReg> : ICompositeFunction
    where TReg : struct, IRegularizer
{
    private readonly TReg _reg;
    private readonly ILinearMap _a;
    private readonly double[] _targets;     // n×k row-major
    private readonly double[]? _weights;    // a_i = c_i/Σc, null when uniform
    private readonly double _uniformWeight; // 1/n
    private readonly double _ridge;
    private readonly double[] _residual;    // task-major k×n: XW + 1bᵀ − Y
    private readonly double[] _columnN;     // length n
    private readonly double[] _columnP;     // length p
    private readonly double[] _scratchW;    // length p·k
    private readonly double[] _scratchW2;   // length p·k

    /// <summary>Builds the objective; inputs are validated and copied where kept.</summary>
    /// <param name="data">The n×p data X (rows are samples).</param>
    /// <param name="targets">Y, n×k row-major (sample i's k targets at [i·k .. i·k + k)); finite.</param>
    /// <param name="tasks">k ≥ 1.</param>
    /// <param name="regularizer">R on the p·k entries of W, row-major.</param>
    /// <param name="ridge">μ ≥ 0 of the built-in (μ/2)‖W‖²_F.</param>
    /// <param name="fitIntercept">Whether to fit k unpenalised intercepts.</param>
    /// <param name="sampleWeights">Optional c_i ≥ 0 with a finite positive sum; uniform when empty.</param>
    public MultiTaskLinearObjective(ILinearMap data, ReadOnlySpan<double> targets, int tasks, TReg regularizer,
        double ridge = 0, bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        DataChecks.RequireLocal(data, nameof(data), "the multi-task objective");
        if (tasks < 1) throw new ArgumentOutOfRangeException(nameof(tasks), tasks, "A multi-task objective needs at least one task.");
        if (!(ridge >= 0 && double.IsFinite(ridge)))
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge strength μ must be finite and ≥ 0.");
        int n = data.Rows, p = data.Columns;
        if (n == 0) throw new ArgumentException("The data have no rows.", nameof(data));
        if ((long)p * tasks > Array.MaxLength || (long)n * tasks > Array.MaxLength)
            throw new ArgumentException($"{tasks} tasks × {Math.Max(n, p)} exceed the largest array.", nameof(tasks));
        if (targets.Length != (long)n * tasks)
            throw new ArgumentException($"targets has {targets.Length} entries; {n} samples × {tasks} tasks need {(long)n * tasks} (row-major n×k).", nameof(targets));
        for (int t = 0; t < targets.Length; t++)
            if (!double.IsFinite(targets[t]))
                throw new ArgumentException($"targets[{t}] (sample {t / tasks}, task {t % tasks}) = {targets[t]} is not finite.", nameof(targets));
        DataChecks.RequireFinite(data, nameof(data));
        _weights = DataChecks.NormalisedWeights(sampleWeights, n, nameof(sampleWeights));
        try { regularizer.Value(new double[p * tasks]); }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The regulariser does not act on the {p}×{tasks} = {p * tasks} entries of W: {e.Message}", nameof(regularizer), e);
        }
        _a = data;
        _targets = targets.ToArray();
        _reg = regularizer;
        _ridge = ridge;
        _uniformWeight = 1.0 / n;
        Tasks = tasks;
        Features = p;
        FitIntercept = fitIntercept;
        _residual = new double[n * tasks];
        _columnN = new double[n];
        _columnP = new double[p];
        _scratchW = new double[p * tasks];
        _scratchW2 = new double[p * tasks];
    }

    /// <summary>p, the number of features (rows of W).</summary>
    public int Features { get; }

    /// <summary>k, the number of tasks (columns of W).</summary>
    public int Tasks { get; }

    /// <summary>n, the number of samples.</summary>
    public int Samples => _a.Rows;

    /// <summary>Whether x ends with k intercepts.</summary>
    public bool FitIntercept { get; }

    /// <summary>μ, the strength of the built-in (μ/2)‖W‖²_F.</summary>
    public double Ridge => _ridge;

    /// <summary>Y, n×k row-major (a copy made at construction).</summary>
    public ReadOnlySpan<double> Targets => _targets;

    /// <summary>The normalised sample weights a_i = c_i/Σc, or empty when uniform (a_i = 1/n).</summary>
    public ReadOnlySpan<double> SampleWeights => _weights;

    /// <summary>The regulariser R.</summary>
    public TReg Regularizer => _reg;

    /// <summary>The data X.</summary>
    public ILinearMap Data => _a;

    /// <inheritdoc/>
    public int Dimension => Features * Tasks + (FitIntercept ? Tasks : 0);

    /// <summary>F(x) = f(x) + R(W).</summary>
    /// <param name="x">W row-major, then b.</param>
    public double TotalValue(ReadOnlySpan<double> x) => Value(x) + NonsmoothValue(x);

    private int WeightCount => Features * Tasks;

    private double SampleWeight(int i) => _weights is null ? _uniformWeight : _weights[i];

    private void CheckLength(int length, string name)
    {
        if (length != Dimension)
            throw new ArgumentException($"{name} has length {length}; the objective has dimension {Dimension} ({Features}×{Tasks} weights{(FitIntercept ? $" + {Tasks} intercepts" : "")}).", name);
    }
}
