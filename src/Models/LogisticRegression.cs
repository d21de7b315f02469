using OptSuite.LinearAlgebra;
using OptSuite.Models.Internal;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Models;

/// <summary>
/// Logistic regression, binary (1/Σc)Σc_i log(1 + e^{−y_i z_i}) with y = ±1 (the larger class +1), or multinomial
/// (1/Σc)Σc_i (logsumexp(s_i) − s_{i,y_i}) with k score columns when there are more than two classes (or when
/// <see cref="Multinomial"/> is set); penalty λ(α‖W‖₁ + (1 − α)/2‖W‖²_F), intercepts unpenalised.
/// </summary>
/// <remarks>
/// scikit-learn's LogisticRegression(C) and LIBLINEAR's -c C are λ = 1/(n·C) (default C = 1); l1_ratio is α.
/// Auto picks the solver as <see cref="LinearEstimator"/> describes (docs/models.md, "Solvers").
/// </remarks>
public sealed class LogisticRegression : LinearClassifier<LogisticRegression>, IPenaltyChoice
{
    private Penalty? _penalty;

    /// <summary>The penalty. Default <see cref="Models.Penalty.L2"/>, or
    /// <see cref="Models.Penalty.ElasticNet"/> when only <see cref="L1Ratio"/> is set (as <c>--l1-ratio</c> on the command
    /// line). An explicit L1 or L2 penalty with an <see cref="L1Ratio"/> other than 1 or 0 is a contradiction, refused by
    /// Fit.</summary>
    public Penalty Penalty { get => PenalisedProblem.Effective(_penalty, L1Ratio, Penalty.L2); set => _penalty = value; }

    /// <summary>α ∈ [0, 1], the L1 share of the elastic net λ(α‖w‖₁ + (1 − α)/2‖w‖²). Setting it selects the elastic net
    /// unless <see cref="Penalty"/> is set too (it must then be <see cref="Models.Penalty.ElasticNet"/>). Null (default):
    /// 0.5 for the elastic net.</summary>
    public double? L1Ratio { get; set; }

    /// <summary>Fit the multinomial (softmax) model even for two classes. Default false: binary for two classes.</summary>
    public bool Multinomial { get; set; }

    /// <inheritdoc/>
    public override string ModelName => Multinomial ? "multinomial" : "logistic";

    internal override bool HasProbabilities => true;

    private double Alpha => PenalisedProblem.Alpha(_penalty, L1Ratio, Penalty.L2);

    private protected override int Outputs(int classes) => classes == 2 && !Multinomial ? 1 : classes;

    private protected override bool TakesPenaltyShape => true;

    private protected override IReadOnlyList<FitProblem> Pose(ILinearMap x, int[] y, int classes, double[]? w, double lambda)
    {
        double alpha = Alpha;
        if (Outputs(classes) == 1)
            return [PenalisedProblem.Pose(x, Signs(y, 1), default(LogisticLoss), lambda, alpha, FitIntercept, w, Shape, FitOffset)];
        if (Shape is not null)
            throw new ArgumentException($"Penalty factors and bounds apply to binary logistic regression; this fit is multinomial ({classes} classes).", PenaltyFactors is not null ? nameof(PenaltyFactors) : Positive ? nameof(Positive) : LowerBounds is not null ? nameof(LowerBounds) : nameof(UpperBounds));
        if (FitOffset is not null)
            throw new ArgumentException($"Offsets apply to binary logistic regression (one score per sample); this fit is multinomial with {classes} classes.", "offset");
        if (alpha == 0)
            return [new MultinomialProblem<ZeroRegularizer>(new(x, y, classes, default, default, lambda, FitIntercept, w))];
        return [new MultinomialProblem<L1Norm>(new(x, y, classes, default, new L1Norm(lambda * alpha), lambda * (1 - alpha), FitIntercept, w))];
    }

    private protected override string? OffsetRefusal => Multinomial
        ? "Offsets apply to binary logistic regression (one score per sample), not to the multinomial model." : null;

    /// <summary>Class probabilities, n×k in class order: [1 − σ(z), σ(z)] for binary (z = x·w + b, + o with offsets),
    /// softmax(s) for multinomial.</summary>
    /// <param name="x">The features.</param>
    /// <param name="offset">Optional offsets of the rows (binary model only; data, not part of the model).</param>
    public double[,] PredictProbability(FeatureMatrix x, double[]? offset = null)
    {
        double[,] s = DecisionFunction(x, offset);
        int n = s.GetLength(0), m = s.GetLength(1), k = Classes.Count;
        var p = new double[n, k];
        for (int i = 0; i < n; i++)
        {
            if (m == 1)
            {
                double z = s[i, 0];
                double q = z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));
                p[i, 0] = 1 - q;
                p[i, 1] = q;
                continue;
            }
            double max = double.NegativeInfinity, sum = 0;
            for (int c = 0; c < m; c++) max = Math.Max(max, s[i, c]);
            for (int c = 0; c < m; c++) sum += p[i, c] = Math.Exp(s[i, c] - max);
            for (int c = 0; c < m; c++) p[i, c] /= sum;
        }
        return p;
    }

    internal override void WriteOptions(IDictionary<string, object?> options)
    {
        PenaltyChoice.Write(this, options);
        options["multinomial"] = Multinomial;
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        PenaltyChoice.Read(this, options);
        Multinomial = options.Bool("multinomial");
    }
}
