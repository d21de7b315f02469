using System.CommandLine;
using OptSuite.Models;

namespace OptSuite.Cli.Commands;

/// <summary>
/// The model options <c>optsuite fit</c> and <c>optsuite bench</c> share — the model, λ or C, the intercept and the
/// model-specific options — bound to an estimator through the model registry, so both commands accept and refuse the same
/// combinations with the same messages.
/// </summary>
internal sealed class ModelArguments
{
    public readonly Option<string> Model = new("--model", "-m")
    {
        Description = "The model: " + string.Join(", ", ModelRegistry.Names) + ".", Required = true,
    };
    public readonly Option<double?> Lambda = new("--lambda") { Description = "λ, the penalty strength in the mean-over-samples objective (scikit-learn's alpha for lasso/elastic-net/poisson/quantile)." };
    public readonly Option<double?> C = new("--C") { Description = "LIBLINEAR / scikit-learn C; λ = 1/(n·C). Default: each model's (C = 1, i.e. λ = 1/n, for the classifiers, huber and ridge; λ = 1 for lasso, elastic-net, multitask-lasso, group-lasso, poisson and quantile)." };
    public readonly Option<double?> L1Ratio = new("--l1-ratio") { Description = "α ∈ [0, 1], the L1 share of an elastic-net penalty (implies --penalty elastic-net)." };
    public readonly Option<string?> Penalty = new("--penalty") { Description = "l2, l1 or elastic-net (models that take a penalty choice; l1 by default for quantile, l2 otherwise)." };
    public readonly Option<string?> Loss = new("--loss") { Description = "hinge or squared-hinge (linear-svm; multiclass-svm with --multiclass ovr; default squared-hinge); epsilon-insensitive or squared-epsilon-insensitive (svr; default epsilon-insensitive)." };
    public readonly Option<double?> Epsilon = new("--epsilon") { Description = "svr: ε ≥ 0, the half-width of the insensitive tube (LIBLINEAR's -p). Default 0.1." };
    public readonly Option<string?> Multiclass = new("--multiclass") { Description = "multiclass-svm strategy: crammer-singer (default) or ovr." };
    public readonly Option<double?> Delta = new("--delta") { Description = "huber: δ where the loss turns linear. Default 1." };
    public readonly Option<double?> Quantile = new("--quantile") { Description = "quantile: the level τ ∈ (0, 1) predicted. Default 0.5 (median)." };
    public readonly Option<double?> Power = new("--power") { Description = "tweedie: the power ρ of the variance μ^ρ: 0 (normal, identity link: the squared loss), or ≥ 1 with the log link (1 Poisson, 2 Gamma, between compound Poisson–Gamma, 3 inverse Gaussian; above 2 the loss is not convex: no duality gap, a stationarity certificate). Default 1.5." };
    public readonly Option<int?> GroupSize = new("--group-size") { Description = "group-lasso: consecutive features per group (the last group may be smaller). Default 1." };
    public readonly Option<double?> InterceptScaling = new("--intercept-scaling") { Description = "linear-svm, multiclass-svm: LIBLINEAR's bias B (-B): the intercept is B·w_B for a penalised constant feature B, which lets the hinge and Crammer–Singer losses fit an intercept with the dual solver." };
    public readonly Option<string?> Ties = new("--ties") { Description = "cox: how tied event times enter the partial likelihood, breslow (glmnet's, the default) or efron (survival::coxph's default)." };
    public readonly Option<string?> ClassWeight = new("--class-weight") { Description = "Classifiers: per-class sample weights, 'balanced' (n / (k·n_c), scikit-learn's) or LABEL:W[,LABEL:W...] (LIBLINEAR's -wi: with --C the weights scale C per class)." };
    public readonly Option<string?> PenaltyFactors = new(PenaltyFactorsFile.Option) { Description = "ridge, lasso, elastic-net, logistic (binary), poisson, gamma, tweedie (fit, and the path and cv of those with one): a file of per-feature penalty factors, one per line (glmnet's penalty.factor; 0 = unpenalised; rescaled to sum to p as glmnet does)." };
    public readonly Option<bool> Positive = new("--positive") { Description = "ridge, lasso, elastic-net, logistic (binary), poisson, gamma, tweedie (fit, path, cv): coefficients ≥ 0 (scikit-learn's positive=True)." };
    public readonly Option<double?> LowerBound = new("--lower-bound") { Description = "The same models: a lower bound ≤ 0 on every coefficient (glmnet's lower.limits)." };
    public readonly Option<double?> UpperBound = new("--upper-bound") { Description = "The same models: an upper bound ≥ 0 on every coefficient (glmnet's upper.limits)." };
    public readonly Option<bool> Standardize = new("--standardize") { Description = "The same models: glmnet's standardize = TRUE (the penalty on columns scaled to unit 1/n standard deviation; coefficients reported on the original scale)." };
    public readonly Option<bool> NoIntercept = new("--no-intercept") { Description = "Fit no intercept (by default an unpenalised intercept is fitted)." };

    public ModelArguments()
    {
        Model.AcceptOnlyFromAmong([.. ModelRegistry.Names]);
        Penalty.AcceptOnlyFromAmong("l2", "l1", "elastic-net");
        Loss.AcceptOnlyFromAmong([.. SvmLossNames.Names, .. SvrLossNames.Names]);
        Multiclass.AcceptOnlyFromAmong("crammer-singer", "ovr");
    }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [Model, Lambda, C, L1Ratio, Penalty, Loss, Multiclass, Delta, Quantile, Epsilon, Power, Ties, GroupSize, InterceptScaling, ClassWeight, PenaltyFactors, Positive, LowerBound, UpperBound, Standardize, NoIntercept];

    /// <summary>The registry's model and a new estimator with the parsed options bound; a combination the model does not
    /// take is an <see cref="ArgumentException"/> with the registry's message (exit 2).</summary>
    public (ModelEntry Entry, LinearEstimator Estimator) Build(ParseResult parse)
    {
        var entry = ModelRegistry.Get(parse.GetValue(Model)!);
        CheckBounds(parse);
        double? scaling = parse.GetValue(InterceptScaling);
        if (scaling is not null && parse.GetValue(NoIntercept)) throw new UsageException("--intercept-scaling asks for an intercept; drop --no-intercept.");
        var estimator = entry.Create(Settings(parse));
        estimator.Lambda = parse.GetValue(Lambda);
        estimator.C = parse.GetValue(C);
        if (estimator.Lambda is not null && estimator.C is not null) throw new UsageException("Give --lambda or --C, not both.");
        // A survival model has no intercept (the baseline hazard absorbs it): the default intercept is for the others.
        estimator.FitIntercept = !parse.GetValue(NoIntercept) && entry.Task != ModelTask.Survival;
        return (entry, estimator);
    }

    /// <summary>The model options as given.</summary>
    public ModelSettings Settings(ParseResult parse) => new()
    {
        Penalty = parse.GetValue(Penalty) is { } p ? PenaltyNames.Parse(p) : null,
        L1Ratio = parse.GetValue(L1Ratio),
        Loss = parse.GetValue(Loss) is { } l && !SvrLossNames.TryParse(l, out _) ? SvmLossNames.Parse(l) : null,
        SvrLoss = parse.GetValue(Loss) is { } r && SvrLossNames.TryParse(r, out SvrLoss svr) ? svr : null,
        Epsilon = parse.GetValue(Epsilon),
        Multiclass = parse.GetValue(Multiclass) switch { null => null, "ovr" => MulticlassStrategy.OneVsRest, _ => MulticlassStrategy.CrammerSinger },
        Delta = parse.GetValue(Delta),
        Quantile = parse.GetValue(Quantile),
        Power = parse.GetValue(Power),
        Ties = parse.GetValue(Ties) is not { } ties ? null : CoxTiesNames.TryParse(ties, out var t) ? t
            : throw new UsageException($"--ties: '{ties}' is not a ties method; use {string.Join(" or ", CoxTiesNames.Names)}."),
        GroupSize = parse.GetValue(GroupSize),
        InterceptScaling = parse.GetValue(InterceptScaling),
        ClassWeight = parse.GetValue(ClassWeight) is { } weights ? ClassWeights.Parse(weights) : null,
        PenaltyFactors = parse.GetValue(PenaltyFactors) is { } file ? PenaltyFactorsFile.Read(file) : null,
        Positive = parse.GetValue(Positive) ? true : null,
        LowerBound = parse.GetValue(LowerBound),
        UpperBound = parse.GetValue(UpperBound),
        Standardize = parse.GetValue(Standardize) ? true : null,
    };

    /// <summary>Requires the --penalty-factors file (if given) to hold one factor per feature of the data.</summary>
    public void CheckFeatures(ParseResult parse, LinearEstimator estimator, int features, string dataOption) =>
        CheckFeatures(parse, estimator.PenaltyFactors, features, dataOption);

    /// <summary>The same for a path's factors (<c>optsuite path</c>, <c>cv</c>).</summary>
    public void CheckFeatures(ParseResult parse, double[]? factors, int features, string dataOption)
    {
        if (factors is not null && parse.GetValue(PenaltyFactors) is { } file)
            PenaltyFactorsFile.CheckCount(file, factors.Length, features, dataOption);
    }

    /// <summary>--positive is --lower-bound 0: refused together.</summary>
    public void CheckBounds(ParseResult parse)
    {
        if (parse.GetValue(Positive) && parse.GetValue(LowerBound) is not null) throw new UsageException("--positive is --lower-bound 0; give one of them.");
    }
}
