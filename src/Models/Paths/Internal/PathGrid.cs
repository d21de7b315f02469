namespace OptSuite.Models.Paths;

/// <summary>glmnet's λ grid: λ_k = λ_max · ε^{k/(L−1)}, k = 0 … L−1, log-spaced from λ_max down to ε·λ_max.</summary>
internal static class PathGrid
{
    /// <summary>glmnet's default ε (lambda.min.ratio): 10⁻² when n &lt; p, else 10⁻⁴.</summary>
    public static double DefaultRatio(int samples, int features) => samples < features ? 1e-2 : 1e-4;

    public static double[] LogSpaced(double lambdaMax, double ratio, int length)
    {
        var grid = new double[length];
        for (int k = 0; k < length; k++) grid[k] = length == 1 ? lambdaMax : lambdaMax * Math.Pow(ratio, (double)k / (length - 1));
        return grid;
    }
}
