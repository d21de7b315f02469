using System.Runtime.CompilerServices;

namespace OptSuite.Prox;

/// <summary>
/// The threshold τ of the Euclidean projection onto the simplex {x ≥ 0, Σx = a}: x = max(y − τ, 0) with τ solving
/// Σ_j max(y_j − τ, 0) = a. Inputs are read as y_j = (|v_j| if absolute else v_j) − shift; callers pass shift = max_j y_j
/// so the support lies in (−a, 0] and no sum of large entries can overflow or swallow a.
/// </summary>
/// <remarks>
/// <see cref="Condat"/> follows Condat (2016), "Fast projection onto the simplex and the ℓ1 ball", Math. Program. 158,
/// Algorithm 3 (Michelot's method started from a filtered online pass): the buffer holds the discarded list ṽ followed by
/// the active list v, both growing left to right, so one scratch array of n doubles suffices and it may be the
/// destination itself. Its final Michelot loop is quadratic in the worst case, so past a work budget of a few n the
/// active list (which contains the support) is finished with the randomised pivot of Duchi, Shalev-Shwartz, Singer and
/// Chandra (2008), Fig. 2, whose expected cost is linear for every input. <see cref="Sorting"/> is the classical
/// O(n log n) method (Held, Wolfe and Crowder 1974; Duchi et al. 2008, Fig. 1), kept as the reference.
/// </remarks>
internal static class SimplexThreshold
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Read(ReadOnlySpan<double> v, int j, bool absolute, double shift) => (absolute ? Math.Abs(v[j]) : v[j]) - shift;

    public static double Condat(ReadOnlySpan<double> v, bool absolute, double shift, double a, Span<double> aux)
    {
        int n = v.Length;
        double y = Read(v, 0, absolute, shift);
        aux[0] = y;
        int start = 0, count = 1;               // ṽ = aux[0, start), v = aux[start, start + count)
        double rho = y - a;
        for (int j = 1; j < n; j++)
        {
            y = Read(v, j, absolute, shift);
            if (y <= rho) continue;
            rho += (y - rho) / (count + 1);
            if (rho > y - a) aux[start + count++] = y;
            else
            {
                start += count;                  // ṽ ← ṽ ∪ v, v ← {y}
                aux[start] = y;
                count = 1;
                rho = y - a;
            }
        }
        // Condat's step 3: promote discarded entries above ρ. They are gathered at the front (the write index never
        // passes the read index) and the active list is moved down behind them, so the buffer never needs more than n.
        int promoted = 0;
        for (int i = 0; i < start; i++)
        {
            y = aux[i];
            if (y > rho)
            {
                aux[promoted++] = y;
                rho += (y - rho) / (count + promoted);
            }
        }
        if (start > 0)
        {
            aux.Slice(start, count).CopyTo(aux.Slice(promoted, count));
            count += promoted;
            start = 0;
        }
        long budget = 4L * n + 64;
        while (true)
        {
            budget -= count;
            int kept = 0;
            int before = count;
            for (int i = 0; i < before; i++)
            {
                y = aux[start + i];
                if (y > rho) aux[start + kept++] = y;
                else
                {
                    count--;
                    if (count > 0) rho += (rho - y) / count;
                }
            }
            count = kept;
            if (count == before) return rho;
            if (budget < 0) return Pivot(aux.Slice(start, count), a);
        }
    }

    /// <summary>Randomised-pivot threshold over a buffer that contains every entry above τ (it is permuted).</summary>
    public static double Pivot(Span<double> u, double a)
    {
        int lo = 0, hi = u.Length;
        double sum = 0;
        long accepted = 0;
        ulong state = 0x9E3779B97F4A7C15UL ^ (ulong)u.Length;
        while (lo < hi)
        {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            double p = u[lo + (int)(state % (ulong)(hi - lo))];
            // Three-way partition of u[lo, hi): [lo, gt) > p, [gt, eq) == p, [eq, hi) < p.
            int gt = lo, i = lo, eq = hi;
            double dsum = 0;
            while (i < eq)
            {
                double y = u[i];
                if (y > p) { u[i] = u[gt]; u[gt++] = y; dsum += y; i++; }
                else if (y < p) { u[i] = u[--eq]; u[eq] = y; }
                else { dsum += y; i++; }
            }
            long k = accepted + (eq - lo);
            if (sum + dsum - k * p < a) { sum += dsum; accepted = k; lo = eq; }   // p and all above it are in the support
            else hi = gt;                                                          // the support lies strictly above p
        }
        return (sum - a) / accepted;
    }

    public static double Sorting(ReadOnlySpan<double> v, bool absolute, double shift, double a, Span<double> aux)
    {
        int n = v.Length;
        for (int j = 0; j < n; j++) aux[j] = Read(v, j, absolute, shift);
        var s = aux[..n];
        s.Sort();
        double cumulative = 0, tau = double.NaN;
        for (int k = 1; k <= n; k++)
        {
            double y = s[n - k];
            cumulative += y;
            double t = (cumulative - a) / k;
            if (y - t > 0) tau = t;
        }
        return tau;
    }
}
