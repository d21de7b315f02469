using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Support;

/// <summary>Reproducible random test matrices and a plain reference product.</summary>
internal static class RandomMatrices
{
    public static double[,] Dense(Random rng, int m, int n, double density)
    {
        var a = new double[m, n];
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
                if (rng.NextDouble() < density) a[i, j] = rng.NextDouble() * 4 - 2;
        return a;
    }

    public static CsrMatrix Csr(double[,] a, ILinearAlgebraBackend? backend = null)
    {
        var r = new List<int>(); var c = new List<int>(); var v = new List<double>();
        for (int i = 0; i < a.GetLength(0); i++)
            for (int j = 0; j < a.GetLength(1); j++)
                if (a[i, j] != 0) { r.Add(i); c.Add(j); v.Add(a[i, j]); }
        return CsrMatrix.FromTriplets(a.GetLength(0), a.GetLength(1), r.ToArray(), c.ToArray(), v.ToArray(), backend);
    }

    public static double[] Vector(Random rng, int n)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = rng.NextDouble() * 2 - 1;
        return x;
    }

    /// <summary>y = α·op(A)x + βy by the definition, in a fixed order.</summary>
    public static double[] Reference(double[,] a, bool transpose, double alpha, double[] x, double beta, double[] y0)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        int outLen = transpose ? n : m, inLen = transpose ? m : n;
        var y = new double[outLen];
        for (int o = 0; o < outLen; o++)
        {
            double s = 0;
            for (int k = 0; k < inLen; k++) s += (transpose ? a[k, o] : a[o, k]) * x[k];
            y[o] = alpha * s + (beta == 0 ? 0 : beta * y0[o]);
        }
        return y;
    }

    /// <summary>‖a − b‖₂ / max(‖b‖₂, tiny): the normwise relative error the parity tests bound.</summary>
    public static double RelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double num = 0, den = 0;
        for (int i = 0; i < a.Length; i++) { num += (a[i] - b[i]) * (a[i] - b[i]); den += b[i] * b[i]; }
        return Math.Sqrt(num) / Math.Max(Math.Sqrt(den), 1e-300);
    }
}
