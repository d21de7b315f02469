using System.Numerics;

namespace OptSuite.Data;

/// <summary>
/// 128-bit approximations of 5^q for q in [−342, 308], as used by the Eisel–Lemire algorithm (Lemire 2021, "Number
/// parsing at a gigabyte per second", and the fast_float library's table): for q ≥ 0 the top 128 bits of 5^q
/// (truncated), for q &lt; 0 the top 128 bits of 2^b / 5^−q rounded up. Computed once with exact big integers.
/// </summary>
internal static class PowersOfFive
{
    public const int SmallestExponent = -342;
    public const int LargestExponent = 308;

    /// <summary>Pairs (high, low) for q = SmallestExponent, SmallestExponent + 1, ..., LargestExponent.</summary>
    public static readonly ulong[] Table = Build();

    private static ulong[] Build()
    {
        var table = new ulong[2 * (LargestExponent - SmallestExponent + 1)];
        var two128 = BigInteger.One << 128;
        var two127 = BigInteger.One << 127;
        int k = 0;
        for (int q = SmallestExponent; q < 0; q++)
        {
            var power5 = BigInteger.Pow(5, -q);
            int z = (int)(power5 - 1).GetBitLength();   // smallest z with 2^z ≥ 5^−q
            BigInteger c;
            if (q >= -27)
            {
                c = (BigInteger.One << (z + 127)) / power5 + 1;
            }
            else
            {
                c = (BigInteger.One << (2 * z + 128)) / power5 + 1;
                int excess = (int)c.GetBitLength() - 128;
                if (excess > 0) c >>= excess;
            }
            Store(table, ref k, c);
        }
        for (int q = 0; q <= LargestExponent; q++)
        {
            var p = BigInteger.Pow(5, q);
            int bits = (int)p.GetBitLength();
            p = bits <= 128 ? p << (128 - bits) : p >> (bits - 128);
            System.Diagnostics.Debug.Assert(p >= two127 && p < two128);
            Store(table, ref k, p);
        }
        return table;
    }

    private static void Store(ulong[] table, ref int k, BigInteger c)
    {
        table[k++] = (ulong)(c >> 64);
        table[k++] = (ulong)(c & ulong.MaxValue);
    }
}
