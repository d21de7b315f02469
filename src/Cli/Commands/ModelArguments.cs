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
    public readonly Option<string?> Loss = new("--loss") { Description = "hinge or squared-hinge (linear-svm; multiclass-svm with --multiclass ovr). Default squared-hinge." };
    public readonly Option<string?> Multiclass = new("--multiclass") { Description = "multiclass-svm strategy: crammer-singer (default) or ovr." };
    public readonly Option<double?> Delta = new("--delta") { Description = "huber: δ where the loss turns linear. Default 1." };
    public readonly Option<double?> Quantile = new("--quantile") { Description = "quantile: the level τ ∈ (0, 1) predicted. Default 0.5 (median)." };
    public readonly Option<double?> Power = new("--power") { Description = "tweedie: the power ρ ∈ [1, 2] of the variance μ^ρ (1 Poisson, 2 Gamma, between compound Poisson–Gamma). Default 1.5." };
    public readonly Option<int?> GroupSize = new("--group-size") { Description = "group-lasso: consecutive features per group (the last group may be smaller). Default 1." };
    public readonly Option<double?> InterceptScaling = new("--intercept-scaling") { Description = "linear-svm, multiclass-svm: LIBLINEAR's bias B (-B): the intercept is B·w_B for a penalised constant feature B, which lets the hinge and Crammer–Singer losses fit an intercept with the dual solver." };
    public readonly Option<string?> ClassWeight = new("--class-weight") { Description = "Classifiers: per-class sample weights, 'balanced' (n / (k·n_c), scikit-learn's) or LABEL:W[,LABEL:W...] (LIBLINEAR's -wi: with --C the weights scale C per class)." };
    public readonly Option<bool> NoIntercept = new("--no-intercept") { Description = "Fit no intercept (by default an unpenalised intercept is fitted)." };

    public ModelArguments()
    {
        Model.AcceptOnlyFromAmong([.. ModelRegistry.Names]);
        Penalty.AcceptOnlyFromAmong("l2", "l1", "elastic-net");
        Loss.AcceptOnlyFromAmong("hinge", "squared-hinge");
        Multiclass.AcceptOnlyFromAmong("crammer-singer", "ovr");
    }

    /// <summary>Every option, to add to a command.</summary>
    public IEnumerable<Option> All => [Model, Lambda, C, L1Ratio, Penalty, Loss, Multiclass, Delta, Quantile, Power, GroupSize, InterceptScaling, ClassWeight, NoIntercept];

    /// <summary>The registry's model and a new estimator with the parsed options bound; a combination the model does not
    /// take is an <see cref="ArgumentException"/> with the registry's message (exit 2).</summary>
    public (ModelEntry Entry, LinearEstimator Estimator) Build(ParseResult parse)
    {
        var entry = ModelRegistry.Get(parse.GetValue(Model)!);
        double? scaling = parse.GetValue(InterceptScaling);
        if (scaling is not null && parse.GetValue(NoIntercept)) throw new UsageException("--intercept-scaling asks for an intercept; drop --no-intercept.");
        var estimator = entry.Create(Settings(parse));
        estimator.Lambda = parse.GetValue(Lambda);
        estimator.C = parse.GetValue(C);
        if (estimator.Lambda is not null && estimator.C is not null) throw new UsageException("Give --lambda or --C, not both.");
        estimator.FitIntercept = !parse.GetValue(NoIntercept);
        return (entry, estimator);
    }

    /// <summary>The model options as given.</summary>
    public ModelSettings Settings(ParseResult parse) => new()
    {
        Penalty = parse.GetValue(Penalty) is { } p ? PenaltyNames.Parse(p) : null,
        L1Ratio = parse.GetValue(L1Ratio),
        Loss = parse.GetValue(Loss) is { } l ? SvmLossNames.Parse(l) : null,
        Multiclass = parse.GetValue(Multiclass) switch { null => null, "ovr" => MulticlassStrategy.OneVsRest, _ => MulticlassStrategy.CrammerSinger },
        Delta = parse.GetValue(Delta),
        Quantile = parse.GetValue(Quantile),
        Power = parse.GetValue(Power),
        GroupSize = parse.GetValue(GroupSize),
        InterceptScaling = parse.GetValue(InterceptScaling),
        ClassWeight = parse.GetValue(ClassWeight) is { } weights ? ClassWeights.Parse(weights) : null,
    };
}
