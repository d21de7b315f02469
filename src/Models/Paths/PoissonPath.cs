using OptSuite.Models.Internal;

namespace OptSuite.Models;

/// <summary>The penalised Poisson path (<see cref="PoissonRegressor"/> solutions; see <see cref="LogLinkPath"/>).</summary>
public sealed class PoissonPath : LogLinkPath
{
    /// <inheritdoc/>
    public override string ModelName => "poisson";

    private protected override LossKind Loss => LossKind.Poisson;

    private protected override LinearRegressor Estimator() => new PoissonRegressor();
}
