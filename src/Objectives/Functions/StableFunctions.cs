namespace OptSuite.Objectives.Functions;

/// <summary>Numerically stable scalar link functions used by the losses.</summary>
/// <remarks>
/// softplus(x) = log(1 + eˣ) = max(x, 0) + log1p(e^−|x|) never overflows and keeps full relative precision for
/// x → −∞ (where it equals eˣ). sigmoid(x) = 1/(1 + e^−x) is evaluated from the side where the exponential is ≤ 1.
/// sparse_plus and sparse_sigmoid follow Martins &amp; Astudillo (2016) and jaxopt:
/// sparse_plus(x) = 0 (x ≤ −1), (x + 1)²/4 (|x| &lt; 1), x (x ≥ 1); sparse_sigmoid(x) = clip((x + 1)/2, 0, 1).
/// </remarks>
public static class StableFunctions
{
    /// <summary>softplus(x) = log(1 + eˣ).</summary>
    /// <param name="x">Argument.</param>
    /// <returns>The value.</returns>
    public static double Softplus(double x) => Math.Max(x, 0.0) + Log1p(Math.Exp(-Math.Abs(x)));

    /// <summary>sigmoid(x) = 1/(1 + e^−x).</summary>
    /// <param name="x">Argument.</param>
    /// <returns>The value in [0, 1].</returns>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1.0 / (1.0 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>log(sigmoid(x)) = −softplus(−x).</summary>
    /// <param name="x">Argument.</param>
    /// <returns>The value, ≤ 0.</returns>
    public static double LogSigmoid(double x) => -Softplus(-x);

    /// <summary>sigmoid(x)·sigmoid(−x) = e^−|x| / (1 + e^−|x|)², the derivative of the sigmoid.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>The value in [0, 1/4].</returns>
    public static double SigmoidDerivative(double x)
    {
        double e = Math.Exp(-Math.Abs(x));
        double d = 1.0 + e;
        return e / (d * d);
    }

    /// <summary>log(1 + x), accurate for small |x|.</summary>
    /// <param name="x">Argument, x &gt; −1.</param>
    /// <returns>The value.</returns>
    public static double Log1p(double x)
    {
        // Goldberg's trick: exact-to-rounding without a library log1p.
        double u = 1.0 + x;
        if (u == 1.0) return x;
        if (double.IsPositiveInfinity(u)) return Math.Log(u);
        return Math.Log(u) * (x / (u - 1.0));
    }

    /// <summary>sparse_plus(x): 0 for x ≤ −1, (x + 1)²/4 for |x| &lt; 1, x for x ≥ 1.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>The value.</returns>
    public static double SparsePlus(double x)
    {
        if (x <= -1.0) return 0.0;
        if (x >= 1.0) return x;
        double t = x + 1.0;
        return 0.25 * t * t;
    }

    /// <summary>sparse_sigmoid(x) = clip((x + 1)/2, 0, 1), the derivative of <see cref="SparsePlus"/>.</summary>
    /// <param name="x">Argument.</param>
    /// <returns>The value in [0, 1].</returns>
    public static double SparseSigmoid(double x) => Math.Clamp(0.5 * (x + 1.0), 0.0, 1.0);

    /// <summary>x·log(x) with the convention 0·log 0 = 0.</summary>
    /// <param name="x">Argument, x ≥ 0.</param>
    /// <returns>The value.</returns>
    public static double XLogX(double x) => x == 0.0 ? 0.0 : x * Math.Log(x);
}
