using System.Buffers;
using System.Numerics.Tensors;

namespace OptSuite.LinearAlgebra.Managed;

/// <summary>
/// Managed compressed-storage kernels. Compressed storage is K lines (rows of CSR, columns of CSC) given by
/// pointers, indices and values. Gather form: y_k = α⟨line_k, x⟩ + βy_k (CSR·x, CSCᵀ·u), parallel over lines split
/// by equal non-zero counts. Scatter form: g = αΣ_k u_k·line_k + βg (CSRᵀ·u, CSC·x), over up to four parts of lines with one
/// private accumulator per extra part, summed in part order at the end; the parts depend on the matrix only, so results do
/// not depend on the thread count (deterministic, no races).
/// </summary>
internal static unsafe class SparseKernels
{
    [ThreadStatic] private static GatherJob? t_gather;
    [ThreadStatic] private static ScatterJob? t_scatter;
    [ThreadStatic] private static WeightedGramJob? t_gram;

    public static void Gather(CompressedStorage s, ReadOnlySpan<double> x, Span<double> y, double alpha, double beta)
    {
        fixed (int* ptr = s.Pointers, idx = s.Indices)
        fixed (double* val = s.Values, px = x, py = y)
        {
            var job = t_gather ??= new GatherJob();
            job.Set(ptr, idx, val, s.LineCount, px, py, alpha, beta);
            ParallelWorkers.Run(job, ParallelWorkers.PartsFor(2L * s.Pointers[s.LineCount] + s.LineCount));
            job.Clear();
        }
    }

    /// <summary>
    /// Upper bound on the private accumulators of <see cref="Scatter"/>. The number of accumulators (and so the order in
    /// which partial sums are added) depends on the matrix alone, never on the thread count: results are bit-identical
    /// with 1, 2 or more threads. Threads then share the accumulators round-robin.
    /// </summary>
    internal const int MaxScatterParts = 4;

    /// <summary>Accumulators of a scatter over <paramref name="s"/> with <paramref name="work"/> flops: a function of
    /// the matrix alone (see <see cref="MaxScatterParts"/>). Private accumulators cost a pass over g each; only worth it
    /// when lines carry much more work than g.</summary>
    private static int ScatterParts(CompressedStorage s, long work) =>
        (int)Math.Clamp(Math.Min(work / (1 << 16), (long)s.NonZeroCount / (4L * Math.Max(1, s.LineLength))), 1, MaxScatterParts);

    public static void Scatter(CompressedStorage s, ReadOnlySpan<double> u, Span<double> g, double alpha, double beta)
    {
        int nnz = s.Pointers[s.LineCount];
        long work = 2L * nnz + s.LineCount;
        int parts = ScatterParts(s, work);
        int threads = Math.Min(parts, ParallelWorkers.PartsFor(work));

        if (beta == 0) g.Clear();
        else if (beta != 1) TensorPrimitives.Multiply(g, beta, g);

        double[]? scratch = parts > 1 ? ArrayPool<double>.Shared.Rent((parts - 1) * s.LineLength) : null;
        try
        {
            fixed (int* ptr = s.Pointers, idx = s.Indices)
            fixed (double* val = s.Values, pu = u, pg = g, ps = scratch)
            {
                var job = t_scatter ??= new ScatterJob();
                job.Set(ptr, idx, val, s.LineCount, s.LineLength, pu, pg, ps, alpha, parts);
                ParallelWorkers.Run(job, threads);
                job.Clear();
            }
            for (int p = 1; p < parts; p++)
            {
                var acc = new ReadOnlySpan<double>(scratch, (p - 1) * s.LineLength, s.LineLength);
                TensorPrimitives.Add(g, acc, g);
            }
        }
        finally
        {
            if (scratch is not null) ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// g = Σ_k t_k·line_k with t_k = d_k·(⟨line_k, x⟩ + shift), returning Σ_k t_k: a weighted Gram product
    /// Sᵀ diag(d) (S x + shift·1) of row storage S in one pass, each line dotted and scattered while it is in cache, and
    /// lines with d_k = 0 not read at all. Parts and their accumulators as in <see cref="Scatter"/> (deterministic
    /// whatever the thread count).
    /// </summary>
    public static double WeightedGram(CompressedStorage s, ReadOnlySpan<double> d, double shift, ReadOnlySpan<double> x, Span<double> g)
    {
        long work = 4L * s.NonZeroCount + s.LineCount;
        int parts = ScatterParts(s, work);
        int threads = Math.Min(parts, ParallelWorkers.PartsFor(work));
        g.Clear();
        double[]? scratch = parts > 1 ? ArrayPool<double>.Shared.Rent((parts - 1) * s.LineLength) : null;
        try
        {
            var job = t_gram ??= new WeightedGramJob();
            fixed (int* ptr = s.Pointers, idx = s.Indices)
            fixed (double* val = s.Values, pd = d, px = x, pg = g, ps = scratch)
            {
                job.Set(ptr, idx, val, s.LineCount, s.LineLength, pd, shift, px, pg, ps, parts);
                ParallelWorkers.Run(job, threads);
                job.Clear();
            }
            double sum = job.Sums[0];
            for (int p = 1; p < parts; p++)
            {
                TensorPrimitives.Add(g, new ReadOnlySpan<double>(scratch, (p - 1) * s.LineLength, s.LineLength), g);
                sum += job.Sums[p];
            }
            return sum;
        }
        finally
        {
            if (scratch is not null) ArrayPool<double>.Shared.Return(scratch);
        }
    }

    /// <summary>First line of part <paramref name="part"/> when lines are split into parts of near-equal non-zeros.</summary>
    private static int LineBoundary(int* ptr, int lineCount, int part, int parts)
    {
        if (part == 0) return 0;
        if (part == parts) return lineCount;
        long target = (long)ptr[lineCount] * part / parts;
        int lo = 0, hi = lineCount;
        while (lo < hi)
        {
            int mid = (int)(((uint)lo + (uint)hi) >> 1);
            if (ptr[mid] < target) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static double SparseDot(int* idx, double* val, int start, int end, double* x)
    {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int k = start;
        for (; k + 3 < end; k += 4)
        {
            s0 += val[k] * x[idx[k]];
            s1 += val[k + 1] * x[idx[k + 1]];
            s2 += val[k + 2] * x[idx[k + 2]];
            s3 += val[k + 3] * x[idx[k + 3]];
        }
        for (; k < end; k++) s0 += val[k] * x[idx[k]];
        return (s0 + s1) + (s2 + s3);
    }

    private sealed class GatherJob : ParallelJob
    {
        private int* _ptr, _idx;
        private double* _val, _x, _y;
        private int _lines;
        private double _alpha, _beta;

        public void Set(int* ptr, int* idx, double* val, int lines, double* x, double* y, double alpha, double beta)
        {
            _ptr = ptr; _idx = idx; _val = val; _lines = lines; _x = x; _y = y; _alpha = alpha; _beta = beta;
        }

        public void Clear() { _ptr = _idx = null; _val = _x = _y = null; }

        public override void Run(int part, int parts)
        {
            int start = LineBoundary(_ptr, _lines, part, parts), end = LineBoundary(_ptr, _lines, part + 1, parts);
            for (int k = start; k < end; k++)
            {
                double dot = SparseDot(_idx, _val, _ptr[k], _ptr[k + 1], _x);
                _y[k] = _beta == 0 ? _alpha * dot : _alpha * dot + _beta * _y[k];
            }
        }
    }

    /// <summary>
    /// A row-partitioned product that scatters into a length-<c>length</c> vector: part 0 adds into the output, part q &gt; 0
    /// into scratch row q − 1 (cleared first), which the caller sums in part order — the same result whoever ran a part.
    /// </summary>
    private abstract class PartScatterJob : ParallelJob
    {
        private protected int* _ptr, _idx;
        private protected double* _val, _g, _scratch;
        private protected int _lines, _length, _parts;

        private protected void SetParts(int* ptr, int* idx, double* val, int lines, int length, double* g, double* scratch, int parts)
        {
            _ptr = ptr; _idx = idx; _val = val; _lines = lines; _length = length; _g = g; _scratch = scratch; _parts = parts;
        }

        private protected void ClearParts() { _ptr = _idx = null; _val = _g = _scratch = null; }

        /// <summary>Thread <paramref name="thread"/> of <paramref name="threads"/> fills accumulators thread, thread + threads, ….</summary>
        public override void Run(int thread, int threads)
        {
            for (int part = thread; part < _parts; part += threads)
            {
                int start = LineBoundary(_ptr, _lines, part, _parts), end = LineBoundary(_ptr, _lines, part + 1, _parts);
                double* acc = _g;
                if (part > 0)
                {
                    acc = _scratch + (long)(part - 1) * _length;
                    new Span<double>(acc, _length).Clear();
                }
                RunPart(part, start, end, acc);
            }
        }

        /// <summary>Lines [<paramref name="start"/>, <paramref name="end"/>) of part <paramref name="part"/>, added into <paramref name="acc"/>.</summary>
        private protected abstract void RunPart(int part, int start, int end, double* acc);
    }

    private sealed class ScatterJob : PartScatterJob
    {
        private double* _u;
        private double _alpha;

        public void Set(int* ptr, int* idx, double* val, int lines, int length, double* u, double* g, double* scratch, double alpha, int parts)
        {
            SetParts(ptr, idx, val, lines, length, g, scratch, parts);
            _u = u; _alpha = alpha;
        }

        public void Clear() { ClearParts(); _u = null; }

        private protected override void RunPart(int part, int start, int end, double* acc)
        {
            for (int k = start; k < end; k++)
            {
                double s = _alpha * _u[k];
                if (s == 0) continue;
                int e = _ptr[k + 1];
                for (int q = _ptr[k]; q < e; q++) acc[_idx[q]] += s * _val[q];
            }
        }
    }

    private sealed class WeightedGramJob : PartScatterJob
    {
        private double* _d, _x;
        private double _shift;

        /// <summary>Σ t_k of each part.</summary>
        public readonly double[] Sums = new double[MaxScatterParts];

        public void Set(int* ptr, int* idx, double* val, int lines, int length, double* d, double shift, double* x, double* g,
            double* scratch, int parts)
        {
            SetParts(ptr, idx, val, lines, length, g, scratch, parts);
            _d = d; _shift = shift; _x = x;
        }

        public void Clear() { ClearParts(); _d = _x = null; }

        private protected override void RunPart(int part, int start, int end, double* acc)
        {
            // Locals, not fields, in the loop: stores through acc could alias the fields, which the JIT would then reload.
            int* ptr = _ptr, idx = _idx;
            double* val = _val, d = _d, x = _x;
            double shift = _shift, sum = 0;
            for (int k = start; k < end; k++)
            {
                double dk = d[k];
                if (dk == 0) continue;
                int b = ptr[k], e = ptr[k + 1];
                double t = dk * (SparseDot(idx, val, b, e, x) + shift);
                sum += t;
                for (int q = b; q < e; q++) acc[idx[q]] += t * val[q];
            }
            Sums[part] = sum;
        }
    }
}
