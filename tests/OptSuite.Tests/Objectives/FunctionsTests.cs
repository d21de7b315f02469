using OptSuite.Objectives.Functions;

namespace OptSuite.Tests.Objectives;

public class FunctionsTests
{
    [Fact]
    public void Scalar_functions_are_stable_and_precise()
    {
        Assert.Equal(1e308, StableFunctions.Softplus(1e308));
        Assert.Equal(0.0, StableFunctions.Softplus(-1e308));
        Assert.True(Math.Abs(StableFunctions.Softplus(-50) / Math.Exp(-50) - 1) < 1e-14);
        Assert.Equal(Math.Log(2) + 0.5e-8, StableFunctions.Softplus(1e-8), 15);
        Assert.Equal(1.0, StableFunctions.Sigmoid(1e308));
        Assert.Equal(0.0, StableFunctions.Sigmoid(-1e308));
        Assert.True(Math.Abs(StableFunctions.Sigmoid(-700) / Math.Exp(-700) - 1) < 1e-14);
        Assert.Equal(-1e308, StableFunctions.LogSigmoid(-1e308));
        Assert.True(Math.Abs(StableFunctions.Log1p(1e-10) - (1e-10 - 0.5e-20)) < 1e-26);
        Assert.Equal(0.0, StableFunctions.SparsePlus(-1));
        Assert.Equal(0.25, StableFunctions.SparsePlus(0));
        Assert.Equal(3.0, StableFunctions.SparsePlus(3));
        Assert.Equal(0.5, StableFunctions.SparseSigmoid(0));
        Assert.Equal(1.0, StableFunctions.SparseSigmoid(5));
        for (double x = -3; x <= 3; x += 0.173)
        {
            double h = 1e-6;
            Assert.Equal((StableFunctions.Softplus(x + h) - StableFunctions.Softplus(x - h)) / (2 * h), StableFunctions.Sigmoid(x), 8);
            Assert.Equal((StableFunctions.SparsePlus(x + h) - StableFunctions.SparsePlus(x - h)) / (2 * h), StableFunctions.SparseSigmoid(x), 8);
            Assert.Equal((StableFunctions.Sigmoid(x + h) - StableFunctions.Sigmoid(x - h)) / (2 * h), StableFunctions.SigmoidDerivative(x), 8);
        }
    }

    [Fact]
    public void Simplex_functions_are_stable()
    {
        double[] s = [1000, 1000, -1e308];
        Assert.Equal(1000 + Math.Log(2), SimplexFunctions.LogSumExp(s), 12);
        var p = new double[3];
        SimplexFunctions.Softmax(s, p);
        Assert.Equal([0.5, 0.5, 0.0], p);
        SimplexFunctions.LogSoftmax(s, p);
        Assert.Equal(-Math.Log(2), p[0], 14);
        Assert.Equal(-0.0 - 1e308 - 1000 - Math.Log(2), p[2]);
        Assert.Equal("scores", Assert.Throws<ArgumentException>(() => SimplexFunctions.LogSumExp([])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => SimplexFunctions.Softmax([1.0, 2], new double[3])).ParamName);
        SimplexFunctions.Sparsemax([3.0, 1, 0.2], p);
        Assert.Equal([1.0, 0, 0], p);
        SimplexFunctions.Sparsemax([0.6, 0.5, -2], p);
        Assert.Equal(0.55, p[0], 14);
        Assert.Equal(0.45, p[1], 14);
        Assert.Equal(0.0, p[2]);
    }
}
