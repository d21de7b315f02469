using OptSuite.Cli.Bench;

namespace OptSuite.Tests.Cli;

public class SuboptimalityTests
{
    [Fact]
    public void RelativeSuboptimalityDividesByTheMagnitudeOfTheReference()
    {
        Assert.Equal(0.5, Suboptimality.Relative(3.0, 2.0));
        Assert.Equal(0.5, Suboptimality.Relative(-1.0, -2.0));
        Assert.Equal(-0.25, Suboptimality.Relative(1.5, 2.0));
        // F* = 0: the denominator is the tiny bound, so the value stays finite and ordered.
        Assert.Equal(1e-10 / Suboptimality.Tiny, Suboptimality.Relative(1e-10, 0.0));
        Assert.Equal(0.0, Suboptimality.Relative(0.0, 0.0));
    }

    [Fact]
    public void PlottedValuesAreFlooredAndNaNStaysNaN()
    {
        Assert.Equal(Suboptimality.Floor, Suboptimality.Plotted(2.0, 2.0));
        Assert.Equal(Suboptimality.Floor, Suboptimality.Plotted(1.999, 2.0));
        Assert.Equal(Suboptimality.Floor, Suboptimality.Plotted(2.0 * (1 + 1e-16), 2.0));
        Assert.Equal(1e-3, Suboptimality.Plotted(2.002, 2.0), 1e-15);
        Assert.True(double.IsNaN(Suboptimality.Plotted(double.NaN, 2.0)));
    }
}
