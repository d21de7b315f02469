using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace OptSuite.Data;

/// <summary>
/// Parses decimal numbers straight from bytes, correctly rounded (bit-for-bit what <see cref="double.Parse(string)"/>
/// gives), accepting <c>[+-]?(d+(.d*)?|.d+)([eE][+-]?d+)?</c> and nothing else (no "inf", "nan", hex or spaces).
/// </summary>
/// <remarks>
/// Up to 19 significant digits go into a 64-bit integer w with a decimal exponent q. When w ≤ 2^53 and |q| ≤ 22 both
/// w and 10^|q| are exact doubles, so one IEEE multiply or divide rounds correctly (Clinger 1990). Other 19-digit
/// inputs use the Eisel–Lemire algorithm (Lemire 2021; its 128-bit product is always sufficient when w is the exact
/// significand, Mushtak &amp; Lemire 2023). Longer significands with a non-zero digit beyond the 19th fall back to
/// <see cref="double.Parse(ReadOnlySpan{byte}, NumberStyles, IFormatProvider)"/> on the token bytes.
/// </remarks>
internal static unsafe class FastDoubleParser
{
    public const int Ok = 0;
    public const int Malformed = 1;
    public const int NonFinite = 2;

    private const int ExponentCap = 100_000;

    private static ReadOnlySpan<double> Pow10 =>
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    /// <summary>
    /// Parses the number starting at <paramref name="p"/>. On <see cref="Ok"/> and <see cref="NonFinite"/> (overflow)
    /// <paramref name="p"/> is left on the first byte after the number, which the caller must check is a separator;
    /// on <see cref="Malformed"/> it is unspecified. The byte after the number must exist (a '\n' sentinel).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Parse(ref byte* p, out double value)
    {
        byte* start = p;
        byte* s = p;
        ulong sign = 0;
        if (*s == (byte)'-') { sign = 1UL << 63; s++; }
        else if (*s == (byte)'+') s++;
        ulong w = 0;
        int nd = 0, exp = 0;
        bool truncated = false;
        byte* digits = s;
        uint d;
        while ((d = (uint)(*s - '0')) <= 9)
        {
            if (nd < 19) { w = w * 10 + d; if (w != 0) nd++; }
            else { exp++; truncated |= d != 0; }
            s++;
        }
        bool any = s != digits;
        if (*s == (byte)'.')
        {
            s++;
            byte* fraction = s;
            while ((d = (uint)(*s - '0')) <= 9)
            {
                if (nd < 19) { w = w * 10 + d; if (w != 0) nd++; exp--; }
                else truncated |= d != 0;
                s++;
            }
            any |= s != fraction;
        }
        if (!any)
        {
            value = 0;
            return Malformed;
        }
        if ((*s | 0x20) == 'e')
        {
            s++;
            bool negativeExponent = false;
            if (*s == (byte)'-') { negativeExponent = true; s++; }
            else if (*s == (byte)'+') s++;
            if ((uint)(*s - '0') > 9)
            {
                value = 0;
                return Malformed;
            }
            int e = 0;
            while ((d = (uint)(*s - '0')) <= 9)
            {
                if (e < ExponentCap) e = e * 10 + (int)d;
                s++;
            }
            if (e >= ExponentCap) truncated = true;     // let double.Parse judge absurd exponents exactly
            exp += negativeExponent ? -e : e;
        }
        p = s;
        if (!truncated)
        {
            if (w == 0)
            {
                value = BitConverter.UInt64BitsToDouble(sign);
                return Ok;
            }
            if (w <= 1UL << 53 && (uint)(exp + 22) <= 44)
            {
                double m = w;
                m = exp < 0 ? m / Pow10[-exp] : m * Pow10[exp];
                value = sign != 0 ? -m : m;
                return Ok;
            }
            ulong bits = EiselLemire(w, exp);
            value = BitConverter.UInt64BitsToDouble(bits | sign);
            return bits == InfinityBits ? NonFinite : Ok;
        }
        return Fallback(start, s, out value);
    }

    private const ulong InfinityBits = 0x7FFUL << 52;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Fallback(byte* start, byte* end, out double value)
    {
        var token = new ReadOnlySpan<byte>(start, (int)(end - start));
        if (!double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return Malformed;
        return double.IsFinite(value) ? Ok : NonFinite;
    }

    /// <summary>The bits of the double nearest w·10^q (w ≠ 0, exact); +∞'s bits on overflow.</summary>
    internal static ulong EiselLemire(ulong w, int q)
    {
        if (q < PowersOfFive.SmallestExponent) return 0;
        if (q > PowersOfFive.LargestExponent) return InfinityBits;
        int lz = BitOperations.LeadingZeroCount(w);
        w <<= lz;
        int index = 2 * (q - PowersOfFive.SmallestExponent);
        var table = PowersOfFive.Table;
        ulong hi = Math.BigMul(w, table[index], out ulong lo);
        const ulong precisionMask = ulong.MaxValue >> 55;
        if ((hi & precisionMask) == precisionMask)
        {
            ulong hi2 = Math.BigMul(w, table[index + 1], out _);
            lo += hi2;
            if (hi2 > lo) hi++;
        }
        int upperBit = (int)(hi >> 63);
        int shift = upperBit + 64 - 52 - 3;
        ulong mantissa = hi >> shift;
        int power2 = (((152170 + 65536) * q) >> 16) + 63 + upperBit - lz + 1023;
        if (power2 <= 0)
        {
            // Subnormal: shift into place, round half up (ties cannot occur here, see fast_float), maybe become normal.
            if (-power2 + 1 >= 64) return 0;
            mantissa >>= -power2 + 1;
            mantissa += mantissa & 1;
            mantissa >>= 1;
            power2 = mantissa < 1UL << 52 ? 0 : 1;
            return mantissa | ((ulong)power2 << 52);
        }
        // Exactly halfway cases are only possible for small q; round them to even.
        if (lo <= 1 && q >= -4 && q <= 23 && (mantissa & 3) == 1 && (mantissa << shift) == hi)
            mantissa &= ~1UL;
        mantissa += mantissa & 1;
        mantissa >>= 1;
        if (mantissa >= 2UL << 52)
        {
            mantissa = 1UL << 52;
            power2++;
        }
        mantissa &= ~(1UL << 52);
        if (power2 >= 0x7FF) return InfinityBits;
        return mantissa | ((ulong)power2 << 52);
    }
}
