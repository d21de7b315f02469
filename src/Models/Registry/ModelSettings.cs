namespace OptSuite.Models;

/// <summary>What a model is asked to fit: its task, which decides how targets are read.</summary>
public enum ModelTask
{
    /// <summary>One real target per sample (R² or deviance score).</summary>
    Regression,

    /// <summary>One class label per sample (accuracy).</summary>
    Classification,

    /// <summary>k targets per sample, one task per distinct label value (the labels' 0/1 indicators).</summary>
    MultiTask,

    /// <summary>A right-censored survival time and an event indicator per sample (C-index score): CSV columns time and status.</summary>
    Survival,
}

/// <summary>A model option beyond the shared ones (λ or C, intercept, solver, tolerance, limits, seed, threads).</summary>
public enum ModelOption
{
    /// <summary>--penalty: l2, l1 or elastic-net.</summary>
    Penalty,

    /// <summary>--l1-ratio: the L1 share α of the elastic net.</summary>
    L1Ratio,

    /// <summary>--loss: hinge or squared-hinge (SVM); epsilon-insensitive or squared-epsilon-insensitive (SVR).</summary>
    Loss,

    /// <summary>--multiclass: crammer-singer or ovr.</summary>
    Multiclass,

    /// <summary>--delta: Huber's δ.</summary>
    Delta,

    /// <summary>--quantile: the level τ.</summary>
    Quantile,

    /// <summary>--group-size: consecutive features per group.</summary>
    GroupSize,

    /// <summary>--intercept-scaling: LIBLINEAR's bias B.</summary>
    InterceptScaling,

    /// <summary>--class-weight: per-class sample weights (every classifier).</summary>
    ClassWeight,

    /// <summary>--penalty-factors: per-feature penalty factors (glmnet's penalty.factor).</summary>
    PenaltyFactors,

    /// <summary>--positive: coefficients ≥ 0.</summary>
    Positive,

    /// <summary>--lower-bound: one lower bound ≤ 0 for every coefficient.</summary>
    LowerBound,

    /// <summary>--upper-bound: one upper bound ≥ 0 for every coefficient.</summary>
    UpperBound,

    /// <summary>--standardize: glmnet's standardize = TRUE.</summary>
    Standardize,
    /// <summary>--epsilon: the ε of support vector regression's insensitive tube.</summary>
    Epsilon,

    /// <summary>--power: the Tweedie power ρ.</summary>
    Power,

    /// <summary>--ties: how tied event times enter the Cox partial likelihood (breslow, efron).</summary>
    Ties,
}

/// <summary>
/// The model options as the command line gives them (null: not given, the model's default); the model registry binds
/// them to an estimator and refuses one the model does not take.
/// </summary>
public sealed record ModelSettings
{
    /// <summary>--penalty.</summary>
    public Penalty? Penalty { get; init; }

    /// <summary>--l1-ratio.</summary>
    public double? L1Ratio { get; init; }

    /// <summary>--loss, an SVM classification loss.</summary>
    public SvmLoss? Loss { get; init; }

    /// <summary>--loss, a support vector regression loss (the same option; at most one of <see cref="Loss"/> and this is set).</summary>
    public SvrLoss? SvrLoss { get; init; }

    /// <summary>--epsilon.</summary>
    public double? Epsilon { get; init; }

    /// <summary>--multiclass.</summary>
    public MulticlassStrategy? Multiclass { get; init; }

    /// <summary>--delta.</summary>
    public double? Delta { get; init; }

    /// <summary>--quantile.</summary>
    public double? Quantile { get; init; }

    /// <summary>--group-size.</summary>
    public int? GroupSize { get; init; }

    /// <summary>--intercept-scaling.</summary>
    public double? InterceptScaling { get; init; }

    /// <summary>--class-weight.</summary>
    public ClassWeights? ClassWeight { get; init; }

    /// <summary>--penalty-factors (the file's numbers, one per feature).</summary>
    public double[]? PenaltyFactors { get; init; }

    /// <summary>--positive (true when given).</summary>
    public bool? Positive { get; init; }

    /// <summary>--lower-bound.</summary>
    public double? LowerBound { get; init; }

    /// <summary>--upper-bound.</summary>
    public double? UpperBound { get; init; }

    /// <summary>--standardize (true when given).</summary>
    public bool? Standardize { get; init; }

    /// <summary>--power.</summary>
    public double? Power { get; init; }

    /// <summary>--ties.</summary>
    public Objectives.Survival.CoxTies? Ties { get; init; }

    /// <summary>Whether <paramref name="option"/> was given.</summary>
    /// <param name="option">The option.</param>
    public bool Has(ModelOption option) => option switch
    {
        ModelOption.Penalty => Penalty is not null,
        ModelOption.L1Ratio => L1Ratio is not null,
        ModelOption.Loss => Loss is not null || SvrLoss is not null,
        ModelOption.Multiclass => Multiclass is not null,
        ModelOption.Delta => Delta is not null,
        ModelOption.Quantile => Quantile is not null,
        ModelOption.GroupSize => GroupSize is not null,
        ModelOption.InterceptScaling => InterceptScaling is not null,
        ModelOption.ClassWeight => ClassWeight is not null,
        ModelOption.PenaltyFactors => PenaltyFactors is not null,
        ModelOption.Positive => Positive is true,
        ModelOption.LowerBound => LowerBound is not null,
        ModelOption.UpperBound => UpperBound is not null,
        ModelOption.Standardize => Standardize is true,
        ModelOption.Epsilon => Epsilon is not null,
        ModelOption.Power => Power is not null,
        ModelOption.Ties => Ties is not null,
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, "Not a ModelOption value."),
    };

    /// <summary>The option's name on the command line ("--l1-ratio").</summary>
    /// <param name="option">The option.</param>
    public static string CommandLineName(ModelOption option) => option switch
    {
        ModelOption.L1Ratio => "--l1-ratio",
        ModelOption.GroupSize => "--group-size",
        ModelOption.InterceptScaling => "--intercept-scaling",
        ModelOption.ClassWeight => "--class-weight",
        ModelOption.PenaltyFactors => "--penalty-factors",
        ModelOption.LowerBound => "--lower-bound",
        ModelOption.UpperBound => "--upper-bound",
        _ => "--" + option.ToString().ToLowerInvariant(),
    };
}
