using System.Numerics;
using System.Runtime.CompilerServices;
using OptSuite.LinearAlgebra;

namespace OptSuite.Data;

/// <summary>
/// Turns parsed chunks into one dataset: reports the first error in file order, checks what spans chunks (qid
/// presence, the index base under Auto), then copies the chunks into exactly sized CSR arrays (shifting one-based
/// indices down as it copies).
/// </summary>
internal static class SvmlightAssembler
{
    public readonly record struct Shape(bool ZeroBased, int Columns, int Rows, int NonZeros, bool HasQid, int LabelCount);

    public static Shape Check(List<SvmlightChunk> chunks, string path, in SvmlightParseSettings s)
    {
        long line = 0;
        int qidState = 0;
        long rows = 0, nnz = 0, labels = 0, minIndex = long.MaxValue, maxIndex = -1;
        foreach (var c in chunks)
        {
            if (c.Failure is { } f) throw f.ToDataFormatException(path, line);
            CheckQid(ref qidState, c, path, line);
            rows += c.Rows;
            nnz += c.Count;
            labels += c.LabelCount;
            minIndex = Math.Min(minIndex, c.MinIndex);
            maxIndex = Math.Max(maxIndex, c.MaxIndex);
            line += c.Lines;
        }
        bool zeroBased = s.IsZeroBased(minIndex);
        if (zeroBased && s.IndexBase == SvmlightIndexBase.Auto)
        {
            line = 0;
            foreach (var c in chunks)
            {
                if (c.Edge is { } e) throw e.ToDataFormatException(path, line);
                line += c.Lines;
            }
        }
        if (nnz > Array.MaxLength || labels > Array.MaxLength)
            throw new DataFormatException(path, 0, 0, $"the file has {Math.Max(nnz, labels)} entries, more than the {Array.MaxLength} a 32-bit CSR matrix holds");
        if (rows >= Array.MaxLength)
            throw new DataFormatException(path, 0, 0, $"the file has {rows} rows, more than a 32-bit CSR matrix holds");
        int columns = s.FeatureCount ?? (int)(maxIndex < 0 ? 0 : zeroBased ? maxIndex + 1 : maxIndex);
        return new Shape(zeroBased, columns, (int)rows, (int)nnz, qidState == 1, (int)labels);
    }

    /// <summary>
    /// Checks that chunk <paramref name="c"/> agrees with the chunks before it on whether rows carry a qid
    /// (<paramref name="state"/>: 0 before any row, 1 with qid, 2 without); <paramref name="line"/> is the line before the chunk.
    /// </summary>
    public static void CheckQid(ref int state, SvmlightChunk c, string path, long line)
    {
        if (c.QidState == 0) return;
        if (state == 0) state = c.QidState;
        else if (state != c.QidState)
            throw new DataFormatException(path, line + c.FirstRowLine, 1, c.QidState == 1
                ? "this line has a qid: but the lines before it have none (give every line a qid or none)"
                : "this line has no qid: but the lines before it have one (give every line a qid or none)",
                c.FirstRowText);
    }

    /// <summary>Copies the features into one CSR matrix; chunk arrays are dropped as they are copied.</summary>
    public static CsrMatrix Features(List<SvmlightChunk> chunks, in Shape shape, int workers)
    {
        var pointers = new int[shape.Rows + 1];
        var indices = GC.AllocateUninitializedArray<int>(shape.NonZeros);
        var values = GC.AllocateUninitializedArray<double>(shape.NonZeros);
        var rowOffset = new int[chunks.Count];
        var entryOffset = new int[chunks.Count];
        for (int k = 1; k < chunks.Count; k++)
        {
            rowOffset[k] = rowOffset[k - 1] + chunks[k - 1].Rows;
            entryOffset[k] = entryOffset[k - 1] + chunks[k - 1].Count;
        }
        int shift = shape.ZeroBased ? 0 : -1;
        void Copy(int k)
        {
            var c = chunks[k];
            var dst = indices.AsSpan(entryOffset[k], c.Count);
            AddTo(c.Indices.AsSpan(0, c.Count), shift, dst);
            c.Values.AsSpan(0, c.Count).CopyTo(values.AsSpan(entryOffset[k], c.Count));
            AddTo(c.RowEnds.AsSpan(0, c.Rows), entryOffset[k], pointers.AsSpan(rowOffset[k] + 1, c.Rows));
            c.Indices = [];
            c.Values = [];
        }
        if (chunks.Count > 1 && workers > 1)
            Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = workers }, Copy);
        else
            for (int k = 0; k < chunks.Count; k++) Copy(k);
        return new CsrMatrix(shape.Rows, shape.Columns, pointers, indices, values);
    }

    /// <summary>dst = src + shift, vectorised; fully optimised from the first call (a load runs it once, on millions of entries).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddTo(ReadOnlySpan<int> src, int shift, Span<int> dst)
    {
        if (shift == 0)
        {
            src.CopyTo(dst);
            return;
        }
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<int>(shift);
            for (; i <= src.Length - Vector<int>.Count; i += Vector<int>.Count)
                (new Vector<int>(src[i..]) + s).CopyTo(dst[i..]);
        }
        for (; i < src.Length; i++) dst[i] = src[i] + shift;
    }

    public static double[] Labels(List<SvmlightChunk> chunks, in Shape shape)
    {
        var labels = GC.AllocateUninitializedArray<double>(shape.Rows);
        int at = 0;
        foreach (var c in chunks)
        {
            c.Labels.AsSpan(0, c.Rows).CopyTo(labels.AsSpan(at));
            at += c.Rows;
        }
        return labels;
    }

    public static (int[] Pointers, double[] Values) LabelSets(List<SvmlightChunk> chunks, in Shape shape)
    {
        var pointers = new int[shape.Rows + 1];
        var values = GC.AllocateUninitializedArray<double>(shape.LabelCount);
        int rows = 0, at = 0;
        foreach (var c in chunks)
        {
            c.LabelValues.AsSpan(0, c.LabelCount).CopyTo(values.AsSpan(at));
            AddTo(c.LabelEnds.AsSpan(0, c.Rows), at, pointers.AsSpan(rows + 1, c.Rows));
            rows += c.Rows;
            at += c.LabelCount;
        }
        return (pointers, values);
    }

    public static long[]? QueryIds(List<SvmlightChunk> chunks, in Shape shape)
    {
        if (!shape.HasQid) return null;
        var q = GC.AllocateUninitializedArray<long>(shape.Rows);
        int at = 0;
        foreach (var c in chunks)
        {
            if (c.Rows > 0) c.Qids.AsSpan(0, c.Rows).CopyTo(q.AsSpan(at));
            at += c.Rows;
        }
        return q;
    }
}
