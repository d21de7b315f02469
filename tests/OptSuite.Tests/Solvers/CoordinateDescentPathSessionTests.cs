using OptSuite.Objectives;
using OptSuite.Objectives.Losses;
using OptSuite.Solvers;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Solvers;

/// <summary>
/// The path session behind <see cref="CoordinateDescentPath"/> and the models' paths: each λ solved from the last
/// solution (strong-rule hint, state carried over) or from any other start (no hint) reaches the optimum a cold
/// <see cref="CoordinateDescent"/> run certifies, and λ_max is the smallest λ with w = 0.
/// </summary>
public class CoordinateDescentPathSessionTests
{
    [Theory]
    [InlineData(false, 1.0)]
    [InlineData(true, 1.0)]
    [InlineData(true, 0.5)]
    public void EverySolveIsTheColdOptimumWhateverItsStart(bool logistic, double alpha)
    {
        var rng = new Random(21);
        var a = RandomMatrices.Dense(rng, 70, 50, 0.6);
        var y = Enumerable.Range(0, 70).Select(i => a[i, 0] - 2 * a[i, 5] + 0.3 * rng.NextDouble()).ToArray();
        if (logistic) y = y.Select(v => v > y.Average() ? 1.0 : -1.0).ToArray();
        var x = RandomMatrices.Csr(a);
        var weights = Enumerable.Range(0, 70).Select(i => 0.5 + (i % 3)).Select(v => (double)v).ToArray();
        if (logistic) Check(default(LogisticLoss)); else Check(default(SquaredLoss));

        void Check<TLoss>(TLoss loss) where TLoss : struct, ILoss
        {
            var session = new CoordinateDescentPathSession<TLoss>(x, y, loss, alpha, true, weights, null);
            var options = new CoordinateDescentOptions { Tolerance = 1e-10 };
            // At λ_max the null model is optimal; just below it, something enters.
            var (atMax, _) = session.Solve(session.LambdaMax * (1 + 1e-9), default, options, true, default);
            Assert.All(atMax.Solution.Take(50), v => Assert.Equal(0.0, v));
            Assert.Equal(session.NullIntercept, atMax.Solution[50], 1e-9);
            foreach (double ratio in new[] { 0.5, 0.2, 0.05 })
            {
                double lambda = session.LambdaMax * ratio;
                var f = session.ObjectiveAt(lambda);
                var cold = CoordinateDescent.Minimize(f, default, options);
                var (warm, _) = session.Solve(lambda, default, options, true, default);
                var other = new CoordinateDescentPathSession<TLoss>(x, y, loss, alpha, true, weights, null);
                var (elsewhere, _) = other.Solve(lambda, Enumerable.Repeat(0.1, 51).ToArray(), options, true, default);
                foreach (var r in new[] { warm, elsewhere })
                {
                    Assert.True(r.Converged, r.ToString());
                    Assert.True(r.DualityGap <= 1e-10 * Math.Abs(r.Objective) * 1.0000001, $"gap {r.DualityGap}");
                    Assert.Equal(cold.Objective, r.Objective, 1e-9 * Math.Abs(cold.Objective));
                    Assert.Equal(f.TotalValue(r.Solution), r.Objective, 1e-13 * Math.Abs(r.Objective));
                }
            }
        }
    }

    [Fact]
    public void BadArgumentsNameTheParameter()
    {
        var x = RandomMatrices.Csr(RandomMatrices.Dense(new Random(1), 10, 4, 1.0));
        var y = new double[10];
        y[3] = 1;
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() =>
            new CoordinateDescentPathSession<SquaredLoss>(x, y, default, 0, true, null, null)).ParamName);
        Assert.Equal("factors", Assert.Throws<ArgumentException>(() =>
            new CoordinateDescentPathSession<SquaredLoss>(x, y, default, 1, true, null, [1, 1])).ParamName);
        var session = new CoordinateDescentPathSession<SquaredLoss>(x, y, default, 1, true, null, null);
        Assert.Equal("lambda", Assert.Throws<ArgumentOutOfRangeException>(() =>
            session.Solve(double.NaN, default, new CoordinateDescentOptions(), true, default)).ParamName);
    }
}
