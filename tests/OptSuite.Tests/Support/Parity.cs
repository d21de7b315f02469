using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>Helpers for managed-vs-MKL parity tests: the 1e-12 normwise bound and matrices built for both backends.</summary>
internal static class Parity
{
    public const double Tolerance = 1e-12;

    public static ILinearAlgebraBackend Mkl => LinearAlgebraBackends.Mkl;

    public static ILinearAlgebraBackend Managed => LinearAlgebraBackends.Managed;

    /// <summary>Asserts ‖got − expected‖₂ ≤ 1e-12·‖expected‖₂ (exact equality when expected is zero).</summary>
    public static void Equal(ReadOnlySpan<double> expected, ReadOnlySpan<double> got, string what)
    {
        Assert.Equal(expected.Length, got.Length);
        double num = 0, den = 0;
        for (int i = 0; i < got.Length; i++)
        {
            Assert.False(double.IsNaN(got[i]) && !double.IsNaN(expected[i]), $"{what}: NaN at {i}");
            num += (got[i] - expected[i]) * (got[i] - expected[i]);
            den += expected[i] * expected[i];
        }
        double err = Math.Sqrt(num);
        Assert.True(err <= Tolerance * Math.Sqrt(den), $"{what}: ‖Δ‖ = {err:E3}, ‖expected‖ = {Math.Sqrt(den):E3}");
    }

    public static DenseMatrix Dense(Random rng, int m, int n, MatrixLayout layout, ILinearAlgebraBackend backend)
        => new(m, n, RandomMatrices.Vector(rng, m * n), layout, backend);

    public static double[] NaNs(int n)
    {
        var v = new double[n];
        Array.Fill(v, double.NaN);
        return v;
    }
}
