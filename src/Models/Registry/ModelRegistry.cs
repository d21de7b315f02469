using OptSuite.Objectives.Survival;

namespace OptSuite.Models;

/// <summary>
/// Every model, once: its name, task, options and factory. <c>optsuite fit</c>, <c>path</c>, <c>cv</c> and <c>bench</c>
/// build their estimators from it and list its names; saved models are read back through it.
/// </summary>
public static class ModelRegistry
{
    private static readonly ModelOption[] Penalised = [ModelOption.Penalty, ModelOption.L1Ratio];

    /// <summary>The per-feature penalty options (factors, bounds, standardisation): the separable single-output penalties, single fits and paths.</summary>
    private static readonly ModelOption[] Shaped = [ModelOption.PenaltyFactors, ModelOption.Positive, ModelOption.LowerBound, ModelOption.UpperBound, ModelOption.Standardize];

    /// <summary>Every model, in the order help and docs list them.</summary>
    public static IReadOnlyList<ModelEntry> All { get; } =
    [
        new("ridge", "squared loss, L2 penalty", ModelTask.Regression, [.. Shaped], _ => new Ridge()),
        new("lasso", "squared loss, L1 penalty", ModelTask.Regression, [.. Shaped], _ => new Lasso(), _ => new LassoPath(), pathOptions: Shaped),
        new("elastic-net", "squared loss, elastic-net penalty (--l1-ratio, default 0.5)", ModelTask.Regression, [ModelOption.L1Ratio, .. Shaped],
            s => new ElasticNet { L1Ratio = s.L1Ratio ?? 0.5 }, s => new ElasticNetPath { L1Ratio = s.L1Ratio ?? 0.5 }, pathOptions: [ModelOption.L1Ratio, .. Shaped]),
        new("multitask-lasso", "squared loss on k tasks, L2,1 penalty on the rows of W (--l1-ratio < 1: multi-task elastic net)", ModelTask.MultiTask,
            [ModelOption.L1Ratio], s => new MultiTaskLasso { L1Ratio = s.L1Ratio ?? 1.0 }),
        new("group-lasso", "squared loss, group-lasso penalty over consecutive groups (--group-size)", ModelTask.Regression, [ModelOption.GroupSize],
            s => new GroupLasso { GroupSize = s.GroupSize }),
        new("logistic", "logistic regression (binary; multinomial for more classes), L2 / L1 / elastic-net penalty", ModelTask.Classification, [.. Penalised, .. Shaped],
            s => Bind(new LogisticRegression { L1Ratio = s.L1Ratio }, s.Penalty),
            // The path is glmnet's L1-logistic by default: --penalty l2 or elastic-net (or --l1-ratio) choose another α.
            s => new LogisticPath { L1Ratio = PathL1Ratio(s), ClassWeight = s.ClassWeight },
            pathOptions: [.. Penalised, ModelOption.ClassWeight, .. Shaped]),
        new("multinomial", "multinomial (softmax) logistic regression, also for two classes", ModelTask.Classification, Penalised,
            s => Bind(new LogisticRegression { L1Ratio = s.L1Ratio, Multinomial = true }, s.Penalty),
            // glmnet's family = "multinomial" path: L1 by default, as the logistic path.
            s => new MultinomialPath { L1Ratio = PathL1Ratio(s), ClassWeight = s.ClassWeight }),
        new("linear-svm", "linear SVM (--loss hinge or squared-hinge, one-vs-rest for more classes)", ModelTask.Classification,
            [.. Penalised, ModelOption.Loss, ModelOption.InterceptScaling],
            s => Bind(new LinearSvm { Loss = SvmLossOf(s, "linear-svm"), L1Ratio = s.L1Ratio, InterceptScaling = s.InterceptScaling }, s.Penalty)),
        new("multiclass-svm", "multiclass SVM: Crammer–Singer, or one-vs-rest (--multiclass ovr, --loss)", ModelTask.Classification,
            [ModelOption.Multiclass, ModelOption.Loss, ModelOption.InterceptScaling], MulticlassSvm),
        new("svr", "linear support vector regression (--epsilon, default 0.1; --loss epsilon-insensitive or squared-epsilon-insensitive), L2 penalty",
            ModelTask.Regression, [ModelOption.Loss, ModelOption.Epsilon, ModelOption.InterceptScaling], LinearSvr),
        new("huber", "Huber loss (--delta), L2 / L1 / elastic-net penalty", ModelTask.Regression, [.. Penalised, ModelOption.Delta],
            s => Bind(new HuberRegressor { L1Ratio = s.L1Ratio, Delta = s.Delta ?? 1.0 }, s.Penalty)),
        new("poisson", "Poisson regression (log link), L2 / L1 / elastic-net penalty", ModelTask.Regression, [.. Penalised, .. Shaped],
            s => Bind(new PoissonRegressor { L1Ratio = s.L1Ratio }, s.Penalty), s => new PoissonPath { L1Ratio = PathL1Ratio(s) }, pathOptions: [.. Penalised, .. Shaped]),
        new("gamma", "Gamma regression (log link, targets > 0), L2 / L1 / elastic-net penalty", ModelTask.Regression, [.. Penalised, .. Shaped],
            s => Bind(new GammaRegressor { L1Ratio = s.L1Ratio }, s.Penalty), s => new GammaPath { L1Ratio = PathL1Ratio(s) }, pathOptions: [.. Penalised, .. Shaped]),
        new("tweedie", "Tweedie regression (--power ρ: 0 normal with identity link, or ≥ 1 with log link, non-convex above 2; default 1.5), L2 / L1 / elastic-net penalty", ModelTask.Regression,
            [.. Penalised, ModelOption.Power, .. Shaped], s => Bind(new TweedieRegressor { L1Ratio = s.L1Ratio, Power = s.Power ?? 1.5 }, s.Penalty),
            s => new TweediePath { L1Ratio = PathL1Ratio(s), Power = s.Power ?? 1.5 }),
        new("quantile", "quantile regression (--quantile τ, pinball loss), L1 / L2 / elastic-net penalty", ModelTask.Regression,
            [.. Penalised, ModelOption.Quantile], s => Bind(new QuantileRegressor { L1Ratio = s.L1Ratio, Quantile = s.Quantile ?? 0.5 }, s.Penalty)),
        new("cox", "Cox proportional hazards (right-censored time and status), L1 / L2 / elastic-net penalty, glmnet's family = \"cox\"", ModelTask.Survival,
            [.. Penalised, ModelOption.Ties], s => Bind(new CoxRegression { L1Ratio = s.L1Ratio, Ties = s.Ties ?? CoxTies.Breslow }, s.Penalty),
            // glmnet's L1 path by default, as the logistic path.
            s => new CoxPath { L1Ratio = s.Penalty == Penalty.L2 ? 0 : s.Penalty == Penalty.ElasticNet || s.L1Ratio is not null ? s.L1Ratio ?? 0.5 : 1, Ties = s.Ties ?? CoxTies.Breslow }),
    ];

    /// <summary>Every model name, in <see cref="All"/>'s order.</summary>
    public static IReadOnlyList<string> Names => All.Select(m => m.Name).ToArray();

    /// <summary>The model named <paramref name="name"/> (case-insensitive), or null.</summary>
    /// <param name="name">A model name such as "lasso".</param>
    public static ModelEntry? Find(string name) => All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The model named <paramref name="name"/>; an unknown name is an <see cref="ArgumentException"/> listing the models.</summary>
    /// <param name="name">A model name.</param>
    public static ModelEntry Get(string name) =>
        Find(name) ?? throw new ArgumentException($"Unknown model '{name}'; models: {string.Join(", ", Names)}.", nameof(name));

    /// <summary>α of a path (classification or GLM): glmnet's L1 path by default; --penalty l2 or elastic-net (or --l1-ratio) choose another.</summary>
    private static double PathL1Ratio(ModelSettings s) =>
        s.Penalty == Penalty.L2 ? 0 : s.Penalty == Penalty.ElasticNet || s.L1Ratio is not null ? s.L1Ratio ?? 0.5 : 1;

    private static LinearEstimator Bind(LinearEstimator estimator, Penalty? penalty)
    {
        if (penalty is { } p) ((IPenaltyChoice)estimator).Penalty = p;
        return estimator;
    }

    private static LinearEstimator MulticlassSvm(ModelSettings s)
    {
        var strategy = s.Multiclass ?? MulticlassStrategy.CrammerSinger;
        if ((s.Loss is not null || s.SvrLoss is not null) && strategy == MulticlassStrategy.CrammerSinger)
            throw new ArgumentException("--loss applies to --model multiclass-svm with --multiclass ovr only (Crammer–Singer has its own loss).");
        return new Models.MulticlassSvm { Strategy = strategy, Loss = SvmLossOf(s, "multiclass-svm"), InterceptScaling = s.InterceptScaling };
    }

    private static LinearEstimator LinearSvr(ModelSettings s)
    {
        if (s.Loss is { } classification)
            throw new ArgumentException($"--loss {SvmLossNames.ToName(classification)} is a classification loss; --model svr takes {string.Join(" or ", SvrLossNames.Names)}.");
        if (s.Epsilon is { } e && !(e >= 0 && double.IsFinite(e)))
            throw new ArgumentException($"--epsilon must be finite and ≥ 0; it is {e}.");
        return new Models.LinearSvr { Loss = s.SvrLoss ?? SvrLoss.EpsilonInsensitive, Epsilon = s.Epsilon ?? 0.1, InterceptScaling = s.InterceptScaling };
    }

    /// <summary>The SVM loss --loss gave (squared hinge when none); a regression loss is refused by name.</summary>
    private static SvmLoss SvmLossOf(ModelSettings s, string model) => s.SvrLoss is { } regression
        ? throw new ArgumentException($"--loss {SvrLossNames.ToName(regression)} is a regression loss (--model svr); --model {model} takes {string.Join(" or ", SvmLossNames.Names)}.")
        : s.Loss ?? SvmLoss.SquaredHinge;
}
