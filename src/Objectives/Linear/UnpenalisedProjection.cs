using System.Numerics.Tensors;
using OptSuite.LinearAlgebra;
using OptSuite.Prox;

namespace OptSuite.Objectives;

/// <summary>
/// Makes a dual point exactly feasible for the unpenalised coordinates U of a linear objective (zero penalty factors,
/// <see cref="IUnpenalisedCoordinates"/>): the a-weighted projection of u onto {u : A_Eᵀ(a⊙u) = 0, and Σ a_i u_i = 0 with
/// an intercept}, E ⊆ U the coordinates whose constraint binds.
/// </summary>
/// <remarks>
/// <para>The conjugate of r_j for j ∈ U is the indicator of c_j = 0 (no bound), of c_j ≥ 0 (free upwards only) or of
/// c_j ≤ 0 (free downwards only), c = Aᵀ(a⊙u): no rescaling reaches it. With B = [A_E, 1] the projection minimising
/// Σ a_i (u′_i − u_i)² is u′ = u − Bt with (Bᵀ diag(a) B) t = Bᵀ(a⊙u) = (c_E, 0) (u is already balanced for the
/// intercept), and the correlations follow without another pass over the data: c′ = c − Mt with M = Aᵀ diag(a) B.
/// E starts as the coordinates free both ways and the one-sided ones whose c_j has the infeasible sign; a one-sided
/// coordinate that the correction turns infeasible joins E and the system is solved again (at most |U| times), so
/// the result is feasible, not necessarily the closest feasible point — feasibility is all a lower bound needs.</para>
/// <para>The data being fixed, A_U's columns (this rank's rows, n·|U| doubles), M (p·(|U| + 1) doubles) and the Gram
/// matrix Bᵀ diag(a) B are formed once, on first use (|U| + 1 products each way; on rows distributed across ranks the
/// transposed products are all-reduced, and the first gap is collective as every gap is), and shared by the objectives of
/// a path (<c>WithRegularizer</c>) that leave the same coordinates unpenalised. The Cholesky factor of the rows and
/// columns in E is kept until E changes. A column in the span of the others (a duplicate, a constant column beside the
/// intercept, a zero column) has an implied constraint: its pivot falls below 10⁻¹² of its diagonal and is dropped.</para>
/// <para>The equalities hold to rounding: a residual above 10⁻⁹ of the largest correlation before the projection (a
/// Gram matrix too ill-conditioned to solve) makes <see cref="Project"/> fail, and the caller reports no certificate.
/// Above <see cref="MaxCoordinates"/> unpenalised coordinates nothing is formed and the projection fails unless every
/// c_j already has a feasible sign, so such a fit is not certified by a duality gap.</para>
/// </remarks>
internal sealed class UnpenalisedProjection
{
    /// <summary>The most unpenalised coordinates projected on (memory (n + p)·|U| doubles, a |U|³/3 factorisation).</summary>
    public const int MaxCoordinates = 64;

    /// <summary>The residual of a projected equality, relative to the largest correlation, above which it counts as failed.</summary>
    private const double Slack = 1e-9;

    /// <summary>Pivots below this fraction of their diagonal belong to a column in the span of the others: dropped.</summary>
    private const double DroppedPivot = 1e-12;

    private readonly ILinearMap _a;
    private readonly double[]? _weights;     // a_i, null when uniform
    private readonly double _uniformWeight;
    private readonly int[] _index;           // U
    private readonly FreeDirections[] _free;
    private readonly int _k;                 // |U| + 1 with an intercept (its column last)
    private readonly Basis _basis;
    private readonly double[] _t, _rhs, _residual, _factor;
    private readonly bool[] _active, _factored, _dropped;

    private UnpenalisedProjection(ILinearMap a, double[]? weights, double uniformWeight, int[] index, FreeDirections[] free,
        bool intercept, Basis basis)
    {
        _a = a;
        _weights = weights;
        _uniformWeight = uniformWeight;
        _index = index;
        _free = free;
        _k = index.Length + (intercept ? 1 : 0);
        _basis = basis;
        int size = index.Length <= MaxCoordinates ? _k : 0;   // above the cap nothing is projected
        _t = new double[size];
        _rhs = new double[size];
        _residual = new double[size];
        _factor = new double[size * size];
        _active = new bool[size];
        _factored = new bool[size];
        _dropped = new bool[size];
    }

    /// <summary>The projection for the unpenalised coordinates of <paramref name="regularizer"/>, or null when it has none;
    /// <paramref name="source"/>, when it projects on the same coordinates, lends its data-dependent part.</summary>
    public static UnpenalisedProjection? For<TReg>(TReg regularizer, ILinearMap a, double[]? weights, double uniformWeight,
        bool intercept, UnpenalisedProjection? source = null)
        where TReg : struct, IRegularizer
    {
        if (default(TReg) is not IUnpenalisedCoordinates) return null;
        var r = (IUnpenalisedCoordinates)regularizer;   // boxed once per objective, never in an evaluation
        var index = new List<int>();
        var free = new List<FreeDirections>();
        for (int j = 0; j < a.Columns; j++)
        {
            FreeDirections d = r.UnpenalisedDirections(j);
            if (d == FreeDirections.None) continue;
            index.Add(j);
            free.Add(d);
        }
        if (index.Count == 0) return null;
        int[] u = index.ToArray();
        Basis basis = source is not null && source._index.AsSpan().SequenceEqual(u) ? source._basis : new Basis();
        return new UnpenalisedProjection(a, weights, uniformWeight, u, free.ToArray(), intercept, basis);
    }

    /// <summary>
    /// Replaces u (balanced for the intercept) by its projection and v = −Aᵀ(a⊙u) by −Aᵀ(a⊙u′), with v_j set to exactly
    /// the feasible side for j ∈ U; false when that cannot be done to rounding (the dual point is then not feasible).
    /// </summary>
    public bool Project(Span<double> u, Span<double> v)
    {
        int m = _index.Length;
        double reference = Math.Abs(TensorPrimitives.MaxMagnitude(v));
        if (m > MaxCoordinates) return Settle(v, 0);

        Basis basis = _basis.Ensure(_a, _weights, _uniformWeight, _index, _k);
        for (int l = 0; l < m; l++) _active[l] = _free[l] == FreeDirections.Both || Infeasible(_free[l], -v[_index[l]]);
        if (_k > m) _active[m] = true;
        for (int round = 0; round <= m; round++)
        {
            Solve(basis.Gram, v);
            bool grown = false;
            for (int l = 0; l < m; l++)
            {
                if (_active[l]) continue;
                double c = -v[_index[l]];
                for (int q = 0; q < _k; q++) c -= basis.Gram[l * _k + q] * _t[q];
                if (Infeasible(_free[l], c)) _active[l] = grown = true;
            }
            if (!grown) break;
        }

        int n = u.Length;
        for (int q = 0; q < _k; q++)
        {
            double t = _t[q];
            if (t == 0) continue;
            TensorPrimitives.MultiplyAdd(basis.Correlations.AsSpan(q * v.Length, v.Length), t, v, v);   // v = −c, c′ = c − Mt
            ReadOnlySpan<double> column = q < m ? basis.Columns.AsSpan(q * n, n) : default;
            for (int i = 0; i < n; i++)
            {
                if (_weights is not null && _weights[i] == 0) continue;   // outside every sum: leave it in dom ℓ*
                u[i] -= t * (q < m ? column[i] : 1.0);
            }
        }
        return Settle(v, reference);
    }

    /// <summary>Moves each v_j, j ∈ U, to its feasible side, failing when that moves it by more than rounding.</summary>
    private bool Settle(Span<double> v, double reference)
    {
        double limit = Slack * reference;
        for (int l = 0; l < _index.Length; l++)
        {
            int j = _index[l];
            double c = -v[j];
            double excess = _free[l] switch
            {
                FreeDirections.Both => c,
                FreeDirections.Up => Math.Min(c, 0),     // needs c ≥ 0
                _ => Math.Max(c, 0),                     // Down: needs c ≤ 0
            };
            if (Math.Abs(excess) > limit) return false;
            v[j] += excess;
        }
        return true;
    }

    /// <summary>Whether correlation c violates the sign an unpenalised coordinate free in <paramref name="free"/> needs.</summary>
    private static bool Infeasible(FreeDirections free, double c) =>
        free == FreeDirections.Both ? c != 0 : free == FreeDirections.Up ? c < 0 : c > 0;

    /// <summary>t on E (0 elsewhere) from G_E t_E = (c_E, 0), with one step of iterative refinement.</summary>
    private void Solve(double[] gram, ReadOnlySpan<double> v)
    {
        int m = _index.Length;
        if (!_active.AsSpan().SequenceEqual(_factored)) Factor(gram);
        for (int q = 0; q < _k; q++) _rhs[q] = _active[q] && q < m ? -v[_index[q]] : 0.0;
        Substitute(_rhs, _t);
        for (int q = 0; q < _k; q++)
        {
            double r = _rhs[q];
            if (_active[q]) for (int s = 0; s < _k; s++) r -= gram[q * _k + s] * _t[s];
            _residual[q] = _active[q] ? r : 0.0;
        }
        Substitute(_residual, _residual);
        for (int q = 0; q < _k; q++) _t[q] += _residual[q];
    }

    /// <summary>LLᵀ of G on E (row-major, lower triangle), dropping the pivots of columns in the span of earlier ones.</summary>
    private void Factor(double[] gram)
    {
        Array.Clear(_factor);
        for (int q = 0; q < _k; q++)
        {
            _dropped[q] = !_active[q];
            if (_dropped[q]) continue;
            for (int s = 0; s <= q; s++)
            {
                if (_dropped[s]) continue;
                double sum = gram[q * _k + s];
                for (int r = 0; r < s; r++) sum -= _factor[q * _k + r] * _factor[s * _k + r];
                if (s < q) _factor[q * _k + s] = sum / _factor[s * _k + s];
                else if (sum > DroppedPivot * gram[q * _k + q]) _factor[q * _k + q] = Math.Sqrt(sum);
                else
                {
                    _dropped[q] = true;
                    for (int r = 0; r < q; r++) _factor[q * _k + r] = 0;
                }
            }
        }
        _active.AsSpan().CopyTo(_factored);
    }

    /// <summary>x = G_E⁻¹ b on the kept pivots (0 on the dropped ones); x may alias b.</summary>
    private void Substitute(ReadOnlySpan<double> b, Span<double> x)
    {
        for (int q = 0; q < _k; q++)
        {
            if (_dropped[q]) { x[q] = 0; continue; }
            double s = b[q];
            for (int r = 0; r < q; r++) s -= _factor[q * _k + r] * x[r];
            x[q] = s / _factor[q * _k + q];
        }
        for (int q = _k - 1; q >= 0; q--)
        {
            if (_dropped[q]) continue;
            double s = x[q];
            for (int r = q + 1; r < _k; r++) s -= _factor[r * _k + q] * x[r];
            x[q] = s / _factor[q * _k + q];
        }
    }

    /// <summary>The data-dependent part, formed once on first use and shared along a path.</summary>
    private sealed class Basis
    {
        private readonly Lock _lock = new();
        private double[]? _columns, _correlations, _gram;

        /// <summary>A_U's columns on this rank's rows, column after column (n each).</summary>
        public double[] Columns => _columns!;

        /// <summary>M = Aᵀ diag(a) B, column after column (p each).</summary>
        public double[] Correlations => _correlations!;

        /// <summary>G = Bᵀ diag(a) B, k × k row-major.</summary>
        public double[] Gram => _gram!;

        public Basis Ensure(ILinearMap a, double[]? weights, double uniformWeight, int[] index, int k)
        {
            lock (_lock)
            {
                if (_gram is not null) return this;
                int n = a.Rows, p = a.Columns, m = index.Length;
                var columns = new double[(long)n * m];
                var correlations = new double[(long)p * k];
                var unit = new double[p];
                var weighted = new double[n];
                for (int q = 0; q < k; q++)
                {
                    Span<double> column = q < m ? columns.AsSpan(q * n, n) : default;
                    if (q < m)
                    {
                        unit[index[q]] = 1;
                        a.Apply(unit, column);
                        unit[index[q]] = 0;
                    }
                    for (int i = 0; i < n; i++)
                        weighted[i] = (weights is null ? uniformWeight : weights[i]) * (q < m ? column[i] : 1.0);
                    a.ApplyTranspose(weighted, correlations.AsSpan(q * p, p));
                }
                var gram = new double[k * k];
                for (int q = 0; q < k; q++)
                    for (int s = 0; s <= q; s++)
                    {
                        // G_qs = column q of B against column s of M, symmetrised (the two products round differently);
                        // the intercept's column of ones has Σ a_i = 1 against itself.
                        double g = q == m ? (s == m ? 1.0 : correlations[(long)q * p + index[s]])
                            : 0.5 * (correlations[(long)s * p + index[q]] + correlations[(long)q * p + index[s]]);
                        gram[q * k + s] = gram[s * k + q] = g;
                    }
                _columns = columns;
                _correlations = correlations;
                _gram = gram;
                return this;
            }
        }
    }
}
