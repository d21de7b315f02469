using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace OptSuite.Data;

/// <summary>
/// The svmlight hot loop: parses whole lines from bytes into a <see cref="SvmlightChunk"/>. Grammar per line:
/// <c>label [qid:q] index:value ... [# comment]</c>, fields separated by spaces or tabs, '\r' treated as a space;
/// blank and '#' lines are skipped. Numbers are parsed in place by <see cref="FastDoubleParser"/>.
/// </summary>
/// <remarks>
/// The chunk must end with '\n', which serves as a sentinel: every scanning loop stops on it, so no loop checks the
/// end pointer. Checks that are per row rather than per entry (index base, range, the largest index) look only at the
/// row's first and last index, which bound the others because indices must strictly increase; when one fails the line
/// is scanned again to point at the offending token.
/// </remarks>
internal static unsafe partial class SvmlightChunkParser
{
    private const ulong SeparatorMask = (1UL << ' ') | (1UL << '\t') | (1UL << '\r') | (1UL << '\n') | (1UL << '#');
    private const ulong IndexCap = 1UL << 40;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSeparator(byte b) => b <= 35 && ((SeparatorMask >> b) & 1) != 0;

    // Fully optimised from the first call: a one-shot load would otherwise run most of a file in tier-0 code.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Parse(byte* start, byte* end, SvmlightChunk c, in SvmlightParseSettings s)
    {
        byte* p = start;
        long line = 0;
        int nnz = c.Count, rows = c.Rows;
        int[] idx = c.Indices;
        double[] val = c.Values;
        long maxRaw = s.MaxIndex;
        bool oneBased = s.IndexBase == SvmlightIndexBase.OneBased, auto = s.IndexBase == SvmlightIndexBase.Auto;
        long minIndex = c.MinIndex, maxIndex = c.MaxIndex;
        while (p < end)
        {
            byte* lineStart = p;
            line++;
            byte b = *p;
            while (b == ' ' || b == '\t' || b == '\r') b = *++p;
            if (b == '\n') { p++; continue; }
            if (b == '#') { p = SkipLine(p); continue; }
            if (rows == c.RowEnds.Length) c.GrowRows();

            if (s.MultiLabel)
            {
                p = ParseLabelSet(p, lineStart, line, c, rows);
            }
            else
            {
                byte* t = p;
                if (FastDoubleParser.Parse(ref p, out double label) != FastDoubleParser.Ok || !IsSeparator(*p))
                    throw LabelError(t, lineStart, line, multiLabel: false);
                c.Labels[rows] = label;
            }

            b = *p;
            while (b == ' ' || b == '\t' || b == '\r') b = *++p;
            bool hasQid = b == 'q';
            if (hasQid) p = ParseQid(p, lineStart, line, c, rows);

            long prev = -1, firstRaw = -1;
            byte* firstToken = null;
            while (true)
            {
                b = *p;
                while (b == ' ' || b == '\t' || b == '\r') b = *++p;
                if (b == '\n') { p++; break; }
                if (b == '#') { p = SkipLine(p); break; }
                byte* token = p;
                ulong raw = 0;
                uint d;
                while ((d = (uint)(*p - '0')) <= 9)
                {
                    raw = raw * 10 + d;
                    p++;
                }
                if (*p != ':' || p == token) throw FeatureError(token, p, lineStart, line);
                if (p - token > 10)
                {
                    // Too many digits for an int: out of range whatever the order, reported with the whole token.
                    raw = CappedIndex(token, p);
                    if ((long)raw > maxRaw) throw RangeError(lineStart, line, maxRaw, s);
                }
                p++;
                if ((long)raw <= prev) throw prev > maxRaw ? RangeError(lineStart, line, maxRaw, s) : OrderError(token, lineStart, line, (long)raw, prev);
                if (FastDoubleParser.Parse(ref p, out double v) != FastDoubleParser.Ok || !IsSeparator(*p))
                    throw ValueError(token, lineStart, line);
                if (nnz == idx.Length)
                {
                    c.Count = nnz;
                    c.GrowEntries();
                    idx = c.Indices;
                    val = c.Values;
                }
                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(idx), nnz) = (int)raw;
                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(val), nnz) = v;
                nnz++;
                if (prev < 0)
                {
                    firstRaw = (long)raw;
                    firstToken = token;
                }
                prev = (long)raw;
            }

            if (rows == 0 && c.QidState == 0)
            {
                c.QidState = hasQid ? 1 : 2;
                c.FirstRowLine = line;
                c.FirstRowText = LineText(lineStart);
            }
            else if (hasQid != (c.QidState == 1))
            {
                throw new SvmlightSyntaxException(line, 1, hasQid
                    ? "this line has a qid: but the lines before it have none (give every line a qid or none)"
                    : "this line has no qid: but the lines before it have one (give every line a qid or none)",
                    LineText(lineStart));
            }

            if (prev >= 0)
            {
                if (firstRaw < minIndex)
                {
                    minIndex = firstRaw;
                    if (firstRaw == 0 && oneBased)
                        throw Error(firstToken, lineStart, line, "feature index 0 in a one-based file (indices start at 1; the index base was fixed by the reader options, e.g. those of a model fitted on one-based data)");
                }
                if (prev > maxIndex)
                {
                    if (prev > maxRaw) throw RangeError(lineStart, line, maxRaw, s);
                    if (auto && prev == maxRaw && c.Edge is null) c.Edge = EdgeError(lineStart, line, maxRaw, s);
                    maxIndex = prev;
                }
            }
            c.RowEnds[rows] = nnz;
            rows++;
        }
        c.Count = nnz;
        c.Rows = rows;
        c.Lines = line;
        c.MinIndex = minIndex;
        c.MaxIndex = maxIndex;
    }

    /// <summary>The value of a long digit string, saturating above 2^40 (anything that large is out of range anyway).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong CappedIndex(byte* digits, byte* end)
    {
        ulong raw = 0;
        for (; digits < end; digits++) raw = raw < IndexCap ? raw * 10 + (uint)(*digits - '0') : raw;
        return raw;
    }

    private static byte* SkipLine(byte* p)
    {
        int n = new ReadOnlySpan<byte>(p, int.MaxValue).IndexOf((byte)'\n');
        return p + n + 1;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte* ParseQid(byte* p, byte* lineStart, long line, SvmlightChunk c, int row)
    {
        byte* token = p;
        if (p[1] != 'i' || p[2] != 'd' || p[3] != ':')
            throw Error(token, lineStart, line, "malformed feature; expected index:value or qid:number");
        p += 4;
        bool negative = *p == '-';
        if (negative || *p == '+') p++;
        byte* digits = p;
        ulong q = 0;
        uint d;
        while ((d = (uint)(*p - '0')) <= 9)
        {
            if (q > (ulong)long.MaxValue / 10) throw Error(token, lineStart, line, "the qid is too large for a 64-bit integer");
            q = q * 10 + d;
            p++;
        }
        if (p == digits || !IsSeparator(*p) || q > long.MaxValue) throw Error(token, lineStart, line, "the qid is not an integer");
        c.Qids ??= new long[c.RowEnds.Length];
        c.Qids[row] = negative ? -(long)q : (long)q;
        return p;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte* ParseLabelSet(byte* p, byte* lineStart, long line, SvmlightChunk c, int row)
    {
        // A line whose first field is a feature (or qid) has no labels: the empty set.
        byte* q = p;
        while ((uint)(*q - '0') <= 9) q++;
        bool empty = (*q == ':' && q != p) || *p == 'q';
        byte* field = p;
        while (!empty)
        {
            if (FastDoubleParser.Parse(ref p, out double label) != FastDoubleParser.Ok || !(IsSeparator(*p) || *p == ','))
                throw LabelError(field, lineStart, line, multiLabel: true);
            if (c.LabelCount == c.LabelValues!.Length) c.GrowLabels();
            c.LabelValues[c.LabelCount++] = label;
            if (*p != ',') break;
            p++;
        }
        c.LabelEnds![row] = c.LabelCount;
        return p;
    }
}
