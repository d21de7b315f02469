using System.Numerics.Tensors;

namespace OptSuite.Solvers;

/// <summary>The few BLAS-1 helpers the solvers share, over <see cref="TensorPrimitives"/>.</summary>
internal static class Vec
{
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y) => TensorPrimitives.Dot(x, y);

    public static double NormInf(ReadOnlySpan<double> x) => x.Length == 0 ? 0.0 : Math.Abs(TensorPrimitives.MaxMagnitude(x));

    public static double Norm2(ReadOnlySpan<double> x) => TensorPrimitives.Norm(x);

    /// <summary>y ← y + a·x.</summary>
    public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.MultiplyAdd(x, a, y, y);

    /// <summary>z ← x + a·y.</summary>
    public static void AddScaled(ReadOnlySpan<double> x, double a, ReadOnlySpan<double> y, Span<double> z) => TensorPrimitives.MultiplyAdd(y, a, x, z);

    /// <summary>z ← x − y.</summary>
    public static void Subtract(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> z) => TensorPrimitives.Subtract(x, y, z);

    public static void Scale(Span<double> x, double a) => TensorPrimitives.Multiply(x, a, x);

    public static bool AllFinite(ReadOnlySpan<double> x)
    {
        // Sum of x·0 is NaN exactly when some entry is NaN or ±∞.
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += x[i] * 0.0;
        return s == 0.0;
    }

    /// <summary>‖x − y‖∞.</summary>
    public static double DistanceInf(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double m = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double d = Math.Abs(x[i] - y[i]);
            if (d > m || double.IsNaN(d)) m = d;
        }
        return m;
    }
}
