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
}

/// <summary>A model option beyond the shared ones (λ or C, intercept, solver, tolerance, limits, seed, threads).</summary>
public enum ModelOption
{
    /// <summary>--penalty: l2, l1 or elastic-net.</summary>
    Penalty,

    /// <summary>--l1-ratio: the L1 share α of the elastic net.</summary>
    L1Ratio,

    /// <summary>--loss: hinge or squared-hinge.</summary>
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

    /// <summary>--power: the Tweedie power ρ.</summary>
    Power,
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

    /// <summary>--loss.</summary>
    public SvmLoss? Loss { get; init; }

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

    /// <summary>--power.</summary>
    public double? Power { get; init; }

    /// <summary>Whether <paramref name="option"/> was given.</summary>
    /// <param name="option">The option.</param>
    public bool Has(ModelOption option) => option switch
    {
        ModelOption.Penalty => Penalty is not null,
        ModelOption.L1Ratio => L1Ratio is not null,
        ModelOption.Loss => Loss is not null,
        ModelOption.Multiclass => Multiclass is not null,
        ModelOption.Delta => Delta is not null,
        ModelOption.Quantile => Quantile is not null,
        ModelOption.GroupSize => GroupSize is not null,
        ModelOption.InterceptScaling => InterceptScaling is not null,
        ModelOption.ClassWeight => ClassWeight is not null,
        ModelOption.Power => Power is not null,
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
        _ => "--" + option.ToString().ToLowerInvariant(),
    };
}
