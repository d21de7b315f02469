using OptSuite.LinearAlgebra;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox;

namespace OptSuite.Objectives;

/// <summary>
/// F(W, b) = (1/Σc_i) Σ_i c_i·ℓ(y_i, Wᵀx_i + b) + (μ/2)‖W‖²_F + R(W): a multiclass loss over k classes, a p×k weight
/// matrix W (row-major, so the rows W_j· are the blocks of L2,1), optional k unpenalised intercepts.
/// </summary>
/// <remarks>
/// x packs W row-major (p·k entries) then b (k entries) when <see cref="FitIntercept"/>. One evaluation costs k Apply
/// and k ApplyTranspose products (the work of one p×k GEMM). The duality gap is available for the multinomial logistic
/// loss: the dual point is U_i = q_i − e_{y_i} with q_i = softmax(s_i); with intercepts it is first made to satisfy
/// Σ a_i U_i = 0 by q_i ← (1 − t)(q_i − q̄ + π) + tπ (π the weighted class proportions, q̄ the weighted mean of q,
/// t the smallest value keeping every q_i on the simplex), then rescaled as in <see cref="LinearObjective{TLoss, TReg}"/>.
/// Not thread-safe (scratch buffers); allocation-free evaluations.
/// </remarks>
/// <typeparam name="TLoss">The multiclass loss.</typeparam>
/// <typeparam name="TReg">The regulariser on W (on its p·k entries, row-major).</typeparam>
public sealed partial class MulticlassLinearObjective<TLoss, TReg> : ICompositeFunction
    where TLoss : struct, IMulticlassLoss
    where TReg : struct, IRegularizer
{
    private readonly TLoss _loss;
    private readonly TReg _reg;
    private readonly ILinearMap _a;
    private readonly int[] _labels;
    private readonly double[]? _weights;
    private readonly double _uniformWeight;
    private readonly double _ridge;
    private readonly double[] _scores;     // class-major k×n: scores of class c at [c·n + i]
    private readonly double[] _residual;   // class-major k×n: a_i ∂ℓ/∂s_ic
    private readonly double[] _column;     // length max(p, n)
    private readonly double[] _sample;     // length k
    private readonly double[] _sampleGrad; // length k
    private readonly double[] _scratchW;   // length p·k, for the gap
    private readonly double[] _scratchW2;  // length p·k, for the gap
    private readonly double[] _sampleScratchP; // length p, for the gap

    /// <summary>Builds the objective; inputs are validated and copied where kept.</summary>
    /// <param name="data">The n×p data A.</param>
    /// <param name="labels">Class indices 0..k−1, one per row.</param>
    /// <param name="classes">k ≥ 2.</param>
    /// <param name="loss">The multiclass loss (convex).</param>
    /// <param name="regularizer">R on the p·k entries of W.</param>
    /// <param name="ridge">μ ≥ 0 of the built-in (μ/2)‖W‖²_F.</param>
    /// <param name="fitIntercept">Whether to fit k intercepts.</param>
    /// <param name="sampleWeights">Optional c_i ≥ 0 with positive sum.</param>
    public MulticlassLinearObjective(ILinearMap data, ReadOnlySpan<int> labels, int classes, TLoss loss, TReg regularizer,
        double ridge = 0, bool fitIntercept = false, ReadOnlySpan<double> sampleWeights = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        DataChecks.RequireLocal(data, nameof(data), "the multiclass objective");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "A multiclass objective needs at least 2 classes.");
        if (!loss.IsConvex) throw new ArgumentException($"{typeof(TLoss).Name} is not convex.", nameof(loss));
        if (!(ridge >= 0 && double.IsFinite(ridge)))
            throw new ArgumentOutOfRangeException(nameof(ridge), ridge, "The ridge strength μ must be finite and ≥ 0.");
        int n = data.Rows;
        if (n == 0) throw new ArgumentException("The data have no rows.", nameof(data));
        if (labels.Length != n) throw new ArgumentException($"There are {labels.Length} labels for {n} rows of data.", nameof(labels));
        if ((long)data.Columns * classes > Array.MaxLength || (long)n * classes > Array.MaxLength)
            throw new ArgumentException($"{classes} classes × {Math.Max(n, data.Columns)} exceed the largest array.", nameof(classes));
        for (int i = 0; i < n; i++)
            if (labels[i] < 0 || labels[i] >= classes)
                throw new ArgumentException($"labels[{i}] = {labels[i]} is not a class index in 0..{classes - 1}.", nameof(labels));
        DataChecks.RequireFinite(data, nameof(data));
        _weights = DataChecks.NormalisedWeights(sampleWeights, n, nameof(sampleWeights));
        _a = data;
        _labels = labels.ToArray();
        _loss = loss;
        _reg = regularizer;
        _ridge = ridge;
        _uniformWeight = 1.0 / n;
        Classes = classes;
        Features = data.Columns;
        FitIntercept = fitIntercept;
        _scores = new double[n * classes];
        _residual = new double[n * classes];
        _column = new double[Math.Max(n, Features)];
        _sample = new double[classes];
        _sampleGrad = new double[classes];
        _scratchW = new double[Features * classes];
        _scratchW2 = new double[Features * classes];
        _sampleScratchP = new double[Features];
    }

    /// <summary>p.</summary>
    public int Features { get; }

    /// <summary>k.</summary>
    public int Classes { get; }

    /// <summary>n.</summary>
    public int Samples => _labels.Length;

    /// <summary>Whether x ends with k intercepts.</summary>
    public bool FitIntercept { get; }

    /// <summary>μ.</summary>
    public double Ridge => _ridge;

    /// <summary>The class indices (a copy made at construction).</summary>
    public ReadOnlySpan<int> Labels => _labels;

    /// <summary>The normalised sample weights a_i = c_i/Σc, or empty when uniform (a_i = 1/n).</summary>
    public ReadOnlySpan<double> SampleWeights => _weights;

    /// <summary>The regulariser.</summary>
    public TReg Regularizer => _reg;

    /// <summary>The data.</summary>
    public ILinearMap Data => _a;

    /// <inheritdoc/>
    public int Dimension => Features * Classes + (FitIntercept ? Classes : 0);

    /// <summary>F(x) = f(x) + R(W).</summary>
    /// <param name="x">W row-major, then b.</param>
    public double TotalValue(ReadOnlySpan<double> x) => Value(x) + NonsmoothValue(x);

    private int WeightCount => Features * Classes;

    private double SampleWeight(int i) => _weights is null ? _uniformWeight : _weights[i];

    private void CheckLength(int length, string name)
    {
        if (length != Dimension)
            throw new ArgumentException($"{name} has length {length}; the objective has dimension {Dimension} ({Features}×{Classes} weights{(FitIntercept ? $" + {Classes} intercepts" : "")}).", name);
    }
}
