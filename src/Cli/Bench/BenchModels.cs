using System.Globalization;
using OptSuite.Cli.Commands;
using OptSuite.Data;
using OptSuite.LinearAlgebra;
using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Objectives.Multiclass;
using OptSuite.Prox;
using OptSuite.Prox.Regularizers;

namespace OptSuite.Cli.Bench;

/// <summary>
/// The model → objective mapping of <c>optsuite bench</c>, all in one place (to be replaced by src/Models once the
/// estimators exist). Every objective is F = (1/n)Σℓ(y_i, x_i·w + b) + λ(α‖w‖₁ + (1 − α)/2‖w‖²) with λ from
/// <c>--lambda</c>, or λ = 1/(n·C) from <c>--C</c> (default C = 1, LIBLINEAR's and scikit-learn's default).
/// </summary>
internal static class BenchModels
{
    /// <summary>The model names accepted by <c>--model</c>.</summary>
    public static readonly IReadOnlyList<string> Names =
        ["ridge", "lasso", "elastic-net", "multitask-lasso", "group-lasso", "logistic", "multinomial", "linear-svm", "multiclass-svm",
         "huber", "poisson", "quantile"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Builds the problem; bad options or labels are a <see cref="UsageException"/> or <see cref="ArgumentException"/>.</summary>
    public static BenchProblem Create(BenchSettings s, ILinearMap x, ReadOnlySpan<double> labels)
    {
        int n = x.Rows;
        double lambda = Lambda(s, n);
        if (s.Model == "group-lasso") return GroupLasso(s, x, labels, lambda);
        double alpha = L1Share(s);
        bool b = s.FitIntercept;
        string penalty = PenaltyText(lambda, alpha, s, n) + (b ? ", with intercept" : ", no intercept");
        switch (s.Model)
        {
            case "ridge":
            case "lasso":
            case "elastic-net":
                return Linear(s, x, Objective.ElasticNet(x, labels, lambda, alpha, b), "½(x_i·w + b − y_i)²", penalty, regression: true);
            case "huber":
                return Linear(s, x, Objective.Huber(x, labels, s.HuberDelta, lambda, alpha, b),
                    $"Huber_δ(x_i·w + b − y_i), δ = {s.HuberDelta.ToString("G6", Inv)}", penalty, regression: true);
            case "poisson":
                return Linear(s, x, Objective.Poisson(x, labels, lambda, alpha, b), "exp(z_i) − y_i z_i, z_i = x_i·w + b", penalty, regression: true);
            case "quantile":
            {
                if (!(s.Quantile > 0 && s.Quantile < 1)) throw new UsageException($"--quantile must lie in (0, 1); it is {s.Quantile.ToString("G6", Inv)}.");
                var f = Objective.QuantileRegression(x, labels, s.Quantile, lambda, alpha, b);
                var p = new BenchProblem(s.Model, $"quantile: (1/n)Σ ρ_τ(y_i − x_i·w − b), τ = {s.Quantile.ToString("G6", Inv)} (pinball loss) + {penalty}",
                    n, x.Columns, w => f.TotalValue(w)) { ReferencePreference = ["ipm"] };
                SolverCatalog.AddQuantile(p, f);
                return p;
            }
            case "multitask-lasso":
                throw new UsageException("multitask-lasso takes multi-output targets; the bench command reads them with ReadMultiLabel (BenchModels.CreateMultiTask).");
            case "logistic":
            case "multinomial":
            {
                var classes = ClassIndex(labels, out var classLabels);
                if (s.Model == "logistic" && classLabels.Length == 2)
                    return Linear(s, x, Objective.LogisticRegression(x, Binary(labels, classLabels), lambda, alpha, b),
                        $"log(1 + exp(−y_i z_i)), y = ±1 (+1 = label {Label(classLabels[1])})", penalty, regression: false);
                var f = new MulticlassLinearObjective<MultinomialLogisticLoss, L1Norm>(x, classes, classLabels.Length, default,
                    new L1Norm(lambda * alpha), lambda * (1 - alpha), b);
                var p = new BenchProblem(s.Model, $"multinomial logistic regression over {classLabels.Length} classes: (1/n)Σ −log softmax(Wᵀx_i + b)_{{y_i}} + {penalty}",
                    n, x.Columns, w => f.TotalValue(w)) { ReferencePreference = ["lbfgs", "owlqn", "fista"] };
                SolverCatalog.AddMultinomial(p, f);
                return p;
            }
            case "linear-svm":
            {
                ClassIndex(labels, out var classLabels);
                if (classLabels.Length != 2)
                    throw new UsageException($"linear-svm needs two classes; {s.DataPath} has {classLabels.Length} (use --model multiclass-svm).");
                var y = Binary(labels, classLabels);
                string desc = $" y = ±1 (+1 = label {Label(classLabels[1])})";
                return s.SvmLoss == "hinge"
                    ? Linear(s, x, new LinearObjective<HingeLoss, L1Norm>(x, y, default, new L1Norm(lambda * alpha), lambda * (1 - alpha), b),
                        "max(0, 1 − y_i z_i)," + desc, penalty, regression: false)
                    : Linear(s, x, new LinearObjective<SquaredHingeLoss, L1Norm>(x, y, default, new L1Norm(lambda * alpha), lambda * (1 - alpha), b),
                        "max(0, 1 − y_i z_i)²," + desc, penalty, regression: false);
            }
            case "multiclass-svm":
            {
                if (alpha > 0) throw new UsageException("multiclass-svm (Crammer–Singer) takes an L2 penalty only.");
                var classes = ClassIndex(labels, out var classLabels);
                var f = new MulticlassLinearObjective<CrammerSingerHingeLoss, ZeroRegularizer>(x, classes, classLabels.Length, default, default, lambda, b);
                var p = new BenchProblem(s.Model, $"Crammer–Singer multiclass SVM over {classLabels.Length} classes: (1/n)Σ max_r(s_r + 1[r ≠ y_i]) − s_{{y_i}} + {penalty}",
                    n, x.Columns, w => f.TotalValue(w)) { ReferencePreference = ["dual-cd"] };
                SolverCatalog.AddCrammerSinger(p, f);
                return p;
            }
            default:
                throw new UsageException($"Unknown model '{s.Model}'; models: {string.Join(", ", Names)}.");
        }
    }

    /// <summary>
    /// The multi-task lasso / elastic net (1/(2n))‖Y − XW − 1bᵀ‖²_F + λ(α Σ_j ‖W_j·‖₂ + (1 − α)/2 ‖W‖²_F) on the k tasks
    /// of <paramref name="targets"/> (n×k, row-major; one 0/1 indicator column per label value, as <c>optsuite fit</c>).
    /// </summary>
    public static BenchProblem CreateMultiTask(BenchSettings s, ILinearMap x, double[] targets, int tasks)
    {
        if (s.Penalty is not null)
            throw new UsageException("--model multitask-lasso fixes the penalty to the L2,1 norm of the rows of W; drop --penalty (--l1-ratio gives the multi-task elastic net).");
        if (s.L1Ratio is { } ratio && !(ratio >= 0 && ratio <= 1))
            throw new UsageException($"--l1-ratio must lie in [0, 1]; it is {ratio}.");
        int n = x.Rows;
        double lambda = Lambda(s, n), alpha = s.L1Ratio ?? 1.0;
        var f = Objective.MultiTaskElasticNet(x, targets, tasks, lambda, alpha, s.FitIntercept);
        string l = lambda.ToString("G6", Inv);
        string from = s.Lambda is null ? $" (= 1/(n·C), C = {(s.C ?? 1.0).ToString("G6", Inv)}, n = {n})" : "";
        string penalty = alpha == 1 ? $"λΣ_j ‖W_j·‖₂, λ = {l}{from}"
            : $"λ(α Σ_j ‖W_j·‖₂ + (1 − α)/2 ‖W‖²_F), λ = {l}{from}, α = {alpha.ToString("G6", Inv)}";
        var p = new BenchProblem(s.Model, $"multitask-lasso over {tasks} tasks: (1/n)Σ ½‖y_i − Wᵀx_i − b‖² + {penalty}"
            + (s.FitIntercept ? ", with intercepts" : ", no intercept"), n, x.Columns, w => f.TotalValue(w))
        {
            ReferencePreference = ["cd", "fista"],
        };
        SolverCatalog.AddMultiTask(p, f);
        return p;
    }

    private static BenchProblem GroupLasso(BenchSettings s, ILinearMap x, ReadOnlySpan<double> labels, double lambda)
    {
        if (s.Penalty is not null || s.L1Ratio is not null)
            throw new UsageException("--model group-lasso fixes the penalty to λΣ_g √|g|·‖w_g‖₂; drop --penalty and --l1-ratio.");
        if (s.GroupSize is not { } size)
            throw new UsageException("--model group-lasso needs --group-size G (consecutive features in groups of G, the last group takes the rest).");
        if (size < 1 || size > x.Columns)
            throw new UsageException($"--group-size must lie in 1..{x.Columns} (the number of features); it is {size}.");
        int full = x.Columns / size, rest = x.Columns % size;
        var sizes = new int[full + (rest > 0 ? 1 : 0)];
        Array.Fill(sizes, size, 0, full);
        if (rest > 0) sizes[^1] = rest;
        var f = Objective.GroupLasso(x, labels, BlockPartition.FromSizes(sizes), lambda, s.FitIntercept);
        string penalty = $"λΣ_g √|g|·‖w_g‖₂ over {sizes.Length} groups of {size}{(rest > 0 ? $" (last {rest})" : "")}, λ = {lambda.ToString("G6", Inv)}"
            + (s.FitIntercept ? ", with intercept" : ", no intercept");
        var p = new BenchProblem(s.Model, $"group-lasso: (1/n)Σ ½(x_i·w + b − y_i)² + {penalty}", x.Rows, x.Columns, w => f.TotalValue(w))
        {
            ReferencePreference = ["fista"],
        };
        SolverCatalog.AddProximalOnly(p, f, "group-lasso penalty");
        return p;
    }

    private static BenchProblem Linear<TLoss>(BenchSettings s, ILinearMap x, LinearObjective<TLoss, L1Norm> f, string loss, string penalty, bool regression)
        where TLoss : struct, ILoss
    {
        var p = new BenchProblem(s.Model, $"{s.Model}: (1/n)Σ {loss} + {penalty}", x.Rows, x.Columns, w => f.TotalValue(w))
        {
            // Regression: coordinate descent (exact coordinate minimisation for the squared loss, certified by the gap).
            // Classification: L-BFGS (smooth) or OWL-QN (L1), since coordinate Newton epochs are slow on large data
            // (a9a: 3 s per outer iteration against 1.2 s for a whole L-BFGS solve to a 5e-15 gap).
            ReferencePreference = regression ? ["cd", "fista", "owlqn"]
                : f.Regularizer.Lambda > 0 ? ["owlqn", "fista", "cd"] : ["lbfgs", "cd", "dual-cd", "fista"],
        };
        SolverCatalog.AddLinear(p, f);
        return p;
    }

    /// <summary>λ from --lambda, else 1/(n·C) with C from --C (default 1).</summary>
    public static double Lambda(BenchSettings s, int n)
    {
        if (s.Lambda is not null && s.C is not null) throw new UsageException("Give either --lambda or --C, not both.");
        if (s.Lambda is { } lam)
            return lam >= 0 && double.IsFinite(lam) ? lam : throw new UsageException($"--lambda must be a finite number ≥ 0; it is {lam}.");
        double c = s.C ?? 1.0;
        if (!(c > 0 && double.IsFinite(c))) throw new UsageException($"--C must be a finite number > 0; it is {c}.");
        return 1.0 / (n * c);
    }

    /// <summary>The L1 share α implied by the model, --penalty and --l1-ratio.</summary>
    public static double L1Share(BenchSettings s)
    {
        string penalty = s.Penalty ?? s.Model switch
        {
            "lasso" or "quantile" => "l1",
            "elastic-net" => "elastic-net",
            _ => s.L1Ratio is null ? "l2" : "elastic-net",
        };
        bool fixedPenalty = s.Model is "ridge" or "lasso" or "elastic-net";
        string natural = s.Model switch { "ridge" => "l2", "lasso" => "l1", "elastic-net" => "elastic-net", _ => penalty };
        if (fixedPenalty && penalty != natural)
            throw new UsageException($"--model {s.Model} fixes the penalty to {natural}; drop --penalty {penalty} (or use another model).");
        if (s.L1Ratio is not null && penalty != "elastic-net")
            throw new UsageException($"--l1-ratio applies to the elastic-net penalty only (the penalty is {penalty}).");
        if (s.L1Ratio is { } ratio && !(ratio >= 0 && ratio <= 1))
            throw new UsageException($"--l1-ratio must lie in [0, 1]; it is {ratio}.");
        return penalty switch
        {
            "l2" => 0.0,
            "l1" => 1.0,
            "elastic-net" => s.L1Ratio ?? 0.5,
            _ => throw new UsageException($"Unknown --penalty '{penalty}'; use l2, l1 or elastic-net."),
        };
    }

    private static string PenaltyText(double lambda, double alpha, BenchSettings s, int n)
    {
        string l = lambda.ToString("G6", Inv);
        string from = s.Lambda is null ? $" (= 1/(n·C), C = {(s.C ?? 1.0).ToString("G6", Inv)}, n = {n})" : "";
        return alpha switch
        {
            0 => $"(λ/2)‖w‖², λ = {l}{from}",
            1 => $"λ‖w‖₁, λ = {l}{from}",
            _ => $"λ(α‖w‖₁ + (1 − α)/2‖w‖²), λ = {l}{from}, α = {alpha.ToString("G6", Inv)}",
        };
    }

    /// <summary>Class indices 0..k−1 by sorted distinct label; the distinct labels are returned too.</summary>
    public static int[] ClassIndex(ReadOnlySpan<double> labels, out double[] classes)
    {
        var distinct = new SortedSet<double>();
        foreach (double v in labels)
        {
            if (!double.IsFinite(v)) throw new ArgumentException($"The labels contain {v}.", nameof(labels));
            distinct.Add(v);
            if (distinct.Count > 1000) throw new UsageException("The labels take more than 1000 values; this looks like regression data, not classes.");
        }
        if (distinct.Count < 2) throw new UsageException($"Classification needs at least two classes; the labels take {distinct.Count} value(s).");
        classes = [.. distinct];
        var index = new Dictionary<double, int>();
        for (int c = 0; c < classes.Length; c++) index[classes[c]] = c;
        var y = new int[labels.Length];
        for (int i = 0; i < y.Length; i++) y[i] = index[labels[i]];
        return y;
    }

    private static double[] Binary(ReadOnlySpan<double> labels, double[] classes)
    {
        var y = new double[labels.Length];
        for (int i = 0; i < y.Length; i++) y[i] = labels[i] == classes[1] ? 1.0 : -1.0;
        return y;
    }

    private static string Label(double v) => v.ToString("R", Inv);
}
