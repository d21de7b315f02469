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
/// Auto solver: binary L2 by L-BFGS, or by dual coordinate ascent (Yu, Huang &amp; Lin 2011) on sparse data with
/// n ≥ 10⁴ and no intercept; L1/elastic net by coordinate descent (OWL-QN when n &gt; 10⁴); multinomial L2 by trust-region Newton
/// (indifferent to feature scales), L1/elastic net by FISTA.
/// </remarks>
public sealed class LogisticRegression : LinearClassifier<LogisticRegression>
{
    /// <summary>The penalty. Default <see cref="Models.Penalty.L2"/>.</summary>
    public Penalty Penalty { get; set; } = Penalty.L2;

    /// <summary>α for <see cref="Models.Penalty.ElasticNet"/>. Default 0.5.</summary>
    public double L1Ratio { get; set; } = 0.5;

    /// <summary>Fit the multinomial (softmax) model even for two classes. Default false: binary for two classes.</summary>
    public bool Multinomial { get; set; }

    /// <inheritdoc/>
    public override string ModelName => Multinomial ? "multinomial" : "logistic";

    private double Alpha => PenalisedProblem.Alpha(Penalty, L1Ratio);

    private protected override int Outputs(int classes) => classes == 2 && !Multinomial ? 1 : classes;

    private protected override ProblemShape Shape(bool sparse, int samples, int features, int classes) =>
        new(Outputs(classes) == 1 ? LossKind.Logistic : LossKind.Multinomial, PenalisedProblem.Kind(Alpha), FitIntercept, sparse, samples, features);

    private protected override IReadOnlyList<FitOutcome> Solve(ILinearMap x, int[] y, int classes, double[]? w, double lambda,
        FitSettings settings, double[]? x0)
    {
        double alpha = Alpha;
        if (Outputs(classes) == 1)
            return [PenalisedProblem.Solve(x, Signs(y, 1), default(LogisticLoss), lambda, alpha, FitIntercept, w, settings, x0)];
        if (alpha == 0)
            return [SolverRunner.Run(new MulticlassLinearObjective<MultinomialLogisticLoss, ZeroRegularizer>(x, y, classes, default, default, lambda, FitIntercept, w), settings, x0)];
        return [SolverRunner.Run(new MulticlassLinearObjective<MultinomialLogisticLoss, L1Norm>(x, y, classes, default, new L1Norm(lambda * alpha),
            lambda * (1 - alpha), FitIntercept, w), settings, x0)];
    }

    /// <summary>Class probabilities, n×k in class order: [1 − σ(z), σ(z)] for binary, softmax(s) for multinomial.</summary>
    /// <param name="x">The features.</param>
    public double[,] PredictProbability(FeatureMatrix x)
    {
        double[,] s = DecisionFunction(x);
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
        options["penalty"] = PenaltyNames.ToName(Penalty);
        options["l1_ratio"] = L1Ratio;
        options["multinomial"] = Multinomial;
    }

    internal override void ReadOptions(Persistence.ModelOptionsReader options)
    {
        Penalty = PenaltyNames.Parse(options.String("penalty"));
        L1Ratio = options.Double("l1_ratio");
        Multinomial = options.Bool("multinomial");
    }
}
