using System.Numerics.Tensors;

namespace OptSuite.LinearAlgebra.Managed;

/// <summary>
/// Managed dense matrix–vector kernels over "lines": a dense matrix is K lines of length L at stride L (rows of a
/// row-major matrix, columns of a column-major one). Every product is one of two shapes:
/// dot form y_k = α⟨line_k, x⟩ + βy_k, or axpy form g = αΣ_k u_k·line_k + βg.
/// </summary>
/// <remarks>
/// Dot form splits lines across parts. Axpy form splits the output g into column blocks, each part streaming every
/// line's slice of its block, so no two threads write the same element and A is still read once.
/// </remarks>
internal static unsafe class DenseKernels
{
    public static void DotLines(double[] data, int lineCount, int lineLength,
        ReadOnlySpan<double> x, Span<double> y, double alpha, double beta)
    {
        fixed (double* a = data, px = x, py = y)
        {
            var job = t_dot ??= new DotJob();
            job.Set(a, lineCount, lineLength, px, py, alpha, beta);
            ParallelWorkers.Run(job, ParallelWorkers.PartsFor((long)lineCount * lineLength));
            job.Clear();
        }
    }

    public static void AxpyLines(double[] data, int lineCount, int lineLength,
        ReadOnlySpan<double> u, Span<double> g, double alpha, double beta)
    {
        fixed (double* a = data, pu = u, pg = g)
        {
            var job = t_axpy ??= new AxpyJob();
            job.Set(a, lineCount, lineLength, pu, pg, alpha, beta);
            int parts = ParallelWorkers.PartsFor((long)lineCount * lineLength);
            parts = Math.Min(parts, Math.Max(1, lineLength / 64)); // blocks narrower than a few cache lines do not pay
            ParallelWorkers.Run(job, parts);
            job.Clear();
        }
    }

    [ThreadStatic] private static DotJob? t_dot;
    [ThreadStatic] private static AxpyJob? t_axpy;

    /// <summary>Splits [0, count) into <paramref name="parts"/> contiguous near-equal ranges.</summary>
    public static (int Start, int End) Range(int count, int part, int parts)
    {
        long start = (long)count * part / parts, end = (long)count * (part + 1) / parts;
        return ((int)start, (int)end);
    }

    private sealed class DotJob : ParallelJob
    {
        private double* _a, _x, _y;
        private int _lines, _length;
        private double _alpha, _beta;

        public void Set(double* a, int lines, int length, double* x, double* y, double alpha, double beta)
        {
            _a = a; _lines = lines; _length = length; _x = x; _y = y; _alpha = alpha; _beta = beta;
        }

        public void Clear() { _a = _x = _y = null; }

        public override void Run(int part, int parts)
        {
            var (start, end) = Range(_lines, part, parts);
            var x = new ReadOnlySpan<double>(_x, _length);
            for (int k = start; k < end; k++)
            {
                double dot = TensorPrimitives.Dot(new ReadOnlySpan<double>(_a + (long)k * _length, _length), x);
                _y[k] = _beta == 0 ? _alpha * dot : _alpha * dot + _beta * _y[k];
            }
        }
    }

    private sealed class AxpyJob : ParallelJob
    {
        private double* _a, _u, _g;
        private int _lines, _length;
        private double _alpha, _beta;

        public void Set(double* a, int lines, int length, double* u, double* g, double alpha, double beta)
        {
            _a = a; _lines = lines; _length = length; _u = u; _g = g; _alpha = alpha; _beta = beta;
        }

        public void Clear() { _a = _u = _g = null; }

        public override void Run(int part, int parts)
        {
            var (start, end) = Range(_length, part, parts);
            // Column blocks small enough to stay in L1 while every line streams past.
            const int Block = 2048;
            for (int b0 = start; b0 < end; b0 += Block)
            {
                int width = Math.Min(Block, end - b0);
                var g = new Span<double>(_g + b0, width);
                if (_beta == 0) g.Clear();
                else if (_beta != 1) TensorPrimitives.Multiply(g, _beta, g);
                for (int k = 0; k < _lines; k++)
                {
                    double s = _alpha * _u[k];
                    if (s == 0) continue;
                    var line = new ReadOnlySpan<double>(_a + (long)k * _length + b0, width);
                    TensorPrimitives.MultiplyAdd(line, s, g, g);
                }
            }
        }
    }
}
