using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>The penalised Gamma path (<see cref="GammaRegressor"/> solutions; see <see cref="LogLinkPath"/>).</summary>
public sealed class GammaPath : LogLinkPath
{
    /// <inheritdoc/>
    public override string ModelName => "gamma";

    private protected override LossKind Loss => LossKind.Gamma;

    private protected override LinearRegressor Estimator() => new GammaRegressor();
}
