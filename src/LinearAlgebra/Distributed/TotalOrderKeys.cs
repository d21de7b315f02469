using System.Runtime.InteropServices;

namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// Maps doubles, in place, to 64-bit integers whose order is IEEE 754 totalOrder (−NaN excluded): −∞ &lt; … &lt; −0 &lt;
/// +0 &lt; … &lt; +∞ &lt; NaN. A maximum of doubles then becomes a maximum of integers, which is exact, associative and
/// commutative, so every rank and every reduction tree gets the same bits — unlike C's <c>a &gt; b ? a : b</c> (MPI_MAX on
/// MPI_DOUBLE), whose answer for NaN and for ±0 depends on which operand comes first.
/// </summary>
/// <remarks>
/// Every NaN is first made the positive quiet NaN 0x7FF8000000000000, the largest key, so a NaN anywhere wins.
/// Positive doubles order as their bit patterns; for negative ones the 63 low bits are flipped, which reverses their
/// order and puts them below zero. The map is its own inverse on everything but NaN payloads.
/// </remarks>
internal static class TotalOrderKeys
{
    private const long CanonicalNaN = 0x7FF8_0000_0000_0000;
    private const long LowBits = 0x7FFF_FFFF_FFFF_FFFF;

    /// <summary>Doubles → keys, reinterpreting the same memory.</summary>
    public static Span<long> ToKeys(Span<double> values)
    {
        Span<long> bits = MemoryMarshal.Cast<double, long>(values);
        for (int i = 0; i < bits.Length; i++)
        {
            long b = double.IsNaN(values[i]) ? CanonicalNaN : bits[i];
            bits[i] = b ^ ((b >> 63) & LowBits);
        }
        return bits;
    }

    /// <summary>Keys → doubles, in the same memory.</summary>
    public static void FromKeys(Span<long> keys)
    {
        for (int i = 0; i < keys.Length; i++)
        {
            long k = keys[i];
            keys[i] = k ^ ((k >> 63) & LowBits);
        }
    }
}
