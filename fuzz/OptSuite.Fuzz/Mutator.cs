using System.Text;

namespace OptSuite.Fuzz;

/// <summary>
/// Structure-aware byte mutations for text data formats: bit flips, byte insertion and deletion, duplicated and swapped
/// lines, splices from other seeds, truncation, line-ending changes, NUL bytes, and numeric tokens replaced by boundary
/// values (1e999, -0, nan, subnormals, 2³¹, 10¹² header counts, 800-digit numbers). One to four are stacked per input.
/// </summary>
/// <remarks>The mutation set follows AFL's deterministic and "havoc" stages (Zalewski, AFL technical details) with a
/// dictionary of tokens that matter to number and index parsing; seeds are real files, so most inputs stay close to
/// valid and reach deep parser states instead of failing on the first byte.</remarks>
public sealed class Mutator(int seed)
{
    private readonly Random _rng = new(seed);

    /// <summary>Tokens that probe number parsing, index limits and header counts.</summary>
    public static readonly string[] BoundaryTokens =
    [
        "1e999", "-1e999", "1e308", "1.7976931348623157e308", "1.8e308", "-1.7976931348623157e308", "-0", "0", "-0.0",
        "nan", "NaN", "-nan", "inf", "-inf", "Infinity", "-Infinity", "4.9e-324", "5e-324", "2.2250738585072014e-308",
        "1e-400", "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967296", "9223372036854775807",
        "9223372036854775808", "1000000000000", "1000000000", "99999999999999999999999999", "0x1p3", "1_000", "+", "-",
        ".", "e", "1e", "1e+", "--1", "+-1", "0000000000000000000001", "1.", ".5", "5.", "1e-5", "", "1,5", "١٢",
        new string('9', 800), "0." + new string('0', 400) + "1", "1" + new string('0', 400),
    ];

    private static readonly byte[] Interesting = Encoding.ASCII.GetBytes("\n\r \t:,;%#\"-.+eE0123456789qid").Concat(new byte[] { 0, 0xFF, 0x80, 0xC3, 0xEF }).ToArray();

    /// <summary>A mutated copy of <paramref name="input"/>; <paramref name="donors"/> are other seeds for splicing.</summary>
    public byte[] Mutate(byte[] input, IReadOnlyList<byte[]> donors)
    {
        var b = new List<byte>(input);
        int count = 1 + _rng.Next(4);
        for (int k = 0; k < count; k++) MutateOnce(b, donors);
        return b.ToArray();
    }

    private void MutateOnce(List<byte> b, IReadOnlyList<byte[]> donors)
    {
        switch (_rng.Next(15))
        {
            case 0 when b.Count > 0: { int i = _rng.Next(b.Count); b[i] ^= (byte)(1 << _rng.Next(8)); break; }
            case 1 when b.Count > 0: b[_rng.Next(b.Count)] = Interesting[_rng.Next(Interesting.Length)]; break;
            case 2: { int n = 1 + _rng.Next(8); var r = new byte[n]; _rng.NextBytes(r); b.InsertRange(_rng.Next(b.Count + 1), r); break; }
            case 3 when b.Count > 0: { int i = _rng.Next(b.Count); b.RemoveRange(i, Math.Min(b.Count - i, 1 + _rng.Next(16))); break; }
            case 4 when b.Count > 0:
            {
                int i = _rng.Next(b.Count), n = Math.Min(b.Count - i, 1 + _rng.Next(64));
                b.InsertRange(_rng.Next(b.Count + 1), b.GetRange(i, n));
                break;
            }
            case 5: ReplaceNumber(b); break;
            case 6: b.InsertRange(_rng.Next(b.Count + 1), Encoding.UTF8.GetBytes(Token())); break;
            case 7 when donors.Count > 0: Splice(b, donors[_rng.Next(donors.Count)]); break;
            case 8 when b.Count > 0: Truncate(b); break;
            case 9: LineEndings(b); break;
            case 10: b.Insert(_rng.Next(b.Count + 1), 0); break;
            case 11: SwapLines(b); break;
            case 12: RepeatLine(b); break;
            case 13: ReplaceNumber(b, header: true); break;
            default: if (b.Count > 0) b[_rng.Next(b.Count)] = (byte)_rng.Next(256); break;
        }
    }

    private string Token() => BoundaryTokens[_rng.Next(BoundaryTokens.Length)];

    private void Truncate(List<byte> b)
    {
        int cut = _rng.Next(b.Count + 1);
        b.RemoveRange(cut, b.Count - cut);
    }

    /// <summary>Replaces one number-like run (digits, sign, dot, exponent) by a boundary token; in the first three lines
    /// when <paramref name="header"/> (where the size lines and headers are).</summary>
    private void ReplaceNumber(List<byte> b, bool header = false)
    {
        int limit = b.Count;
        if (header)
        {
            int lines = 0;
            for (int i = 0; i < b.Count; i++) if (b[i] == '\n' && ++lines == 3) { limit = i; break; }
        }
        if (limit == 0) return;
        for (int attempt = 0; attempt < 8; attempt++)
        {
            int i = _rng.Next(limit);
            if (!IsNumberByte(b[i])) continue;
            int start = i, end = i;
            while (start > 0 && IsNumberByte(b[start - 1])) start--;
            while (end < b.Count && IsNumberByte(b[end])) end++;
            b.RemoveRange(start, end - start);
            b.InsertRange(start, Encoding.UTF8.GetBytes(header ? (_rng.Next(2) == 0 ? "1000000000000" : Token()) : Token()));
            return;
        }
    }

    private static bool IsNumberByte(byte c) => c is (>= (byte)'0' and <= (byte)'9') or (byte)'.' or (byte)'-' or (byte)'+' or (byte)'e' or (byte)'E';

    private void Splice(List<byte> b, byte[] donor)
    {
        if (donor.Length == 0) return;
        int from = _rng.Next(donor.Length), n = Math.Min(donor.Length - from, 1 + _rng.Next(256));
        int at = _rng.Next(b.Count + 1);
        if (_rng.Next(2) == 0) b.InsertRange(at, donor.AsSpan(from, n).ToArray());
        else { b.RemoveRange(at, b.Count - at); b.AddRange(donor.AsSpan(from, donor.Length - from).ToArray()); }
    }

    private void LineEndings(List<byte> b)
    {
        int mode = _rng.Next(3);
        for (int i = b.Count - 1; i >= 0; i--)
        {
            if (b[i] != '\n') continue;
            if (mode == 0) b.Insert(i, (byte)'\r');                     // CRLF
            else if (mode == 1) b[i] = (byte)'\r';                      // old Mac CR
            else if (_rng.Next(4) == 0) { b.Insert(i, (byte)'\r'); break; } // one stray CR
        }
    }

    private (int Start, int End) RandomLine(List<byte> b)
    {
        if (b.Count == 0) return (0, 0);
        int i = _rng.Next(b.Count), start = i, end = i;
        while (start > 0 && b[start - 1] != '\n') start--;
        while (end < b.Count && b[end] != '\n') end++;
        return (start, Math.Min(b.Count, end + 1));
    }

    private void SwapLines(List<byte> b)
    {
        var (s1, e1) = RandomLine(b);
        var line = b.GetRange(s1, e1 - s1);
        b.RemoveRange(s1, e1 - s1);
        b.InsertRange(RandomLine(b).Start, line);
    }

    private void RepeatLine(List<byte> b)
    {
        var (s, e) = RandomLine(b);
        var line = b.GetRange(s, e - s);
        int times = 1 + _rng.Next(_rng.Next(2) == 0 ? 4 : 100);
        // Stacked repeats grow geometrically; stop at 64 kB (the campaign truncates inputs to 16 kB anyway).
        for (int t = 0; t < times && b.Count < 1 << 16; t++) b.InsertRange(e, line);
    }
}
