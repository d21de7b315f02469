using System.Numerics;

namespace OptSuite.Objectives;

/// <summary>Vector&lt;double&gt; kernels of the losses with a vectorised batch path (values and derivatives).</summary>
internal static class VectorKernels
{
    public static void Squared(Vector<double> y, Vector<double> z, out Vector<double> value, out Vector<double> derivative)
    {
        var r = z - y;
        value = 0.5 * r * r;
        derivative = r;
    }

    public static void Hinge(Vector<double> label, Vector<double> z, out Vector<double> value, out Vector<double> derivative)
    {
        var one = Vector<double>.One;
        var y = Vector.ConditionalSelect(Vector.GreaterThan(label, Vector<double>.Zero), one, -one);
        var m = y * z;
        value = Vector.Max(Vector<double>.Zero, one - m);
        derivative = Vector.ConditionalSelect(Vector.LessThan(m, one), -y, Vector<double>.Zero);
    }

    /// <summary>ℓ′ = −y·σ(−m) and ℓ″ = σ(m)σ(−m) = e/(1 + e)² of the logistic loss from one e = e^−|m|.</summary>
    public static void LogisticDerivatives(Vector<double> label, Vector<double> z, out Vector<double> derivative, out Vector<double> curvature)
    {
        var one = Vector<double>.One;
        var y = Vector.ConditionalSelect(Vector.GreaterThan(label, Vector<double>.Zero), one, -one);
        var m = y * z;
        var e = Vector.Exp(-Vector.Abs(m));
        var u = one + e;
        var inverse = one / u;
        derivative = -y * Vector.ConditionalSelect(Vector.GreaterThanOrEqual(m, Vector<double>.Zero), e * inverse, inverse);
        curvature = e * inverse * inverse;
    }

    public static void Logistic(Vector<double> label, Vector<double> z, out Vector<double> value, out Vector<double> derivative)
    {
        var one = Vector<double>.One;
        var y = Vector.ConditionalSelect(Vector.GreaterThan(label, Vector<double>.Zero), one, -one);
        var m = y * z;
        var e = Vector.Exp(-Vector.Abs(m));                      // e^−|m| ∈ [0, 1]
        var u = one + e;
        // log1p(e) by Goldberg's correction: log(u)·e/(u − 1), exact when u rounds to 1.
        var log1p = Vector.ConditionalSelect(Vector.Equals(u, one), e, Vector.Log(u) * (e / (u - one)));
        value = Vector.Max(-m, Vector<double>.Zero) + log1p;
        var sigmoidNegM = Vector.ConditionalSelect(Vector.GreaterThanOrEqual(m, Vector<double>.Zero), e / u, one / u);
        derivative = -y * sigmoidNegM;
    }
}
