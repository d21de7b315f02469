using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>The penalised Tweedie path (<see cref="TweedieRegressor"/> solutions at <see cref="Power"/>; see <see cref="LogLinkPath"/>).</summary>
public sealed class TweediePath : LogLinkPath
{
    /// <summary>The power ρ ∈ [1, 2]. Default 1.5. (The estimator also takes ρ = 0 and ρ &gt; 2, the path does not: ρ = 0
    /// is the squared loss, whose path is <see cref="ElasticNetPath"/>, and ρ &gt; 2 is not convex, so its path would have no
    /// duality gap to screen and certify by.)</summary>
    public double Power { get; set; } = 1.5;

    /// <inheritdoc/>
    public override string ModelName => "tweedie";

    private protected override LossKind Loss => LossKind.Tweedie;

    private protected override double PowerOfLoss => Power;

    private protected override LinearRegressor Estimator() => Power is >= 1 and <= 2 ? new TweedieRegressor { Power = Power }
        : throw new ArgumentOutOfRangeException(nameof(Power), Power, "The Tweedie path takes powers in [1, 2]: ρ = 0 is the squared loss (the lasso / elastic-net path), and for ρ > 2 the loss is not convex, so a path has no duality gap to screen and certify by; fit single λ values with TweedieRegressor instead.");
}
