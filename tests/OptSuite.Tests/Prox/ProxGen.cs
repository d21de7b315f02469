using CsCheck;

namespace OptSuite.Tests.Prox;

/// <summary>CsCheck generators for prox tests: zeros, ties (small integers), moderate values and extreme magnitudes.</summary>
internal static class ProxGen
{
    /// <summary>Entries of moderate size with many zeros and ties: the inputs slow references can resolve.</summary>
    public static readonly Gen<double> Moderate = Gen.Frequency(
        (2, Gen.Const(0.0)),
        (3, Gen.Int[-3, 3].Select(i => 0.5 * i)),
        (5, Gen.Double[-4, 4]));

    /// <summary>Entries spanning 1e-150 .. 1e150 as well as zeros and ties.</summary>
    public static readonly Gen<double> Extreme = Gen.Frequency(
        (2, Gen.Const(0.0)),
        (2, Gen.Int[-3, 3].Select(i => (double)i)),
        (2, Gen.Double[-10, 10]),
        (4, Gen.Select(Gen.Double[-1, 1], Gen.Int[-150, 150], (m, e) => m * Math.Pow(10, e))));

    /// <summary>Steps η in [1e-3, 1e3].</summary>
    public static readonly Gen<double> Step = Gen.Double[-3, 3].Select(x => Math.Pow(10, x));

    /// <summary>Steps η in [0.1, 10] (for the slow references).</summary>
    public static readonly Gen<double> ModerateStep = Gen.Double[-1, 1].Select(x => Math.Pow(10, x));

    public static Gen<double[]> Vector(Gen<double> entry, int min, int max) => entry.Array[min, max];

    public static Gen<double[]> Vector(Gen<double> entry, int length) => entry.Array[length];
}
