using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>The penalised Tweedie path (<see cref="TweedieRegressor"/> solutions at <see cref="Power"/>; see <see cref="LogLinkPath"/>).</summary>
public sealed class TweediePath : LogLinkPath
{
    /// <summary>The power ρ ∈ [1, 2]. Default 1.5.</summary>
    public double Power { get; set; } = 1.5;

    /// <inheritdoc/>
    public override string ModelName => "tweedie";

    private protected override LossKind Loss => LossKind.Tweedie;

    private protected override double PowerOfLoss => Power;

    private protected override LinearRegressor Estimator() => new TweedieRegressor { Power = Power };
}
