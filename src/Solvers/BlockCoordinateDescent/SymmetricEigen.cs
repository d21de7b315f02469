namespace OptSuite.Solvers;

/// <summary>Eigenvalues (and eigenvectors) of a small dense symmetric matrix, to rounding (block Lipschitz constants and
/// the exact block steps of <see cref="BlockCoordinateDescent"/>).</summary>
/// <remarks>
/// Cyclic Jacobi rotations (Golub &amp; Van Loan, Matrix Computations, 4th ed., §8.5): each rotation zeroes a_pq with
/// t = sgn(θ)/(|θ| + √(θ² + 1)), θ = (a_qq − a_pp)/(2a_pq); sweeps repeat until the off-diagonal mass is below
/// 1e-30 of the Frobenius mass (quadratic convergence, typically 6–10 sweeps). Eigenvalues are then accurate to a few
/// ulps of ‖A‖, unlike power iteration, which approaches λ_max from below at a rate set by the eigenvalue gap. The
/// rotations, accumulated, give an orthonormal eigenbasis.
/// </remarks>
internal static class SymmetricEigen
{
    /// <summary>λ_max of the m×m symmetric matrix <paramref name="a"/> (row-major; overwritten).</summary>
    public static double Largest(Span<double> a, int m)
    {
        if (m == 0) return 0;
        Rotate(a, m, []);
        double max = double.NegativeInfinity;
        for (int i = 0; i < m; i++) max = Math.Max(max, a[i * m + i]);
        return max;
    }

    /// <summary>
    /// A = QΛQᵀ: the eigenvalues into <paramref name="values"/> (m) and Q into <paramref name="vectors"/> (m×m row-major,
    /// column e the eigenvector of values[e]); <paramref name="a"/> is overwritten.
    /// </summary>
    public static void Decompose(Span<double> a, int m, Span<double> values, Span<double> vectors)
    {
        vectors[..(m * m)].Clear();
        for (int i = 0; i < m; i++) vectors[i * m + i] = 1;
        Rotate(a, m, vectors);
        for (int i = 0; i < m; i++) values[i] = a[i * m + i];
    }

    private static void Rotate(Span<double> a, int m, Span<double> vectors)
    {
        double total = 0;
        for (int i = 0; i < m * m; i++) total += a[i] * a[i];
        if (total == 0) return;
        bool accumulate = !vectors.IsEmpty;
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0;
            for (int p = 0; p < m; p++)
                for (int q = p + 1; q < m; q++) off += a[p * m + q] * a[p * m + q];
            if (off <= 1e-30 * total) break;
            for (int p = 0; p < m - 1; p++)
                for (int q = p + 1; q < m; q++)
                {
                    double apq = a[p * m + q];
                    if (apq == 0) continue;
                    double theta = (a[q * m + q] - a[p * m + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.Sqrt(t * t + 1), s = t * c;
                    for (int r = 0; r < m; r++)
                    {
                        double arp = a[r * m + p], arq = a[r * m + q];
                        a[r * m + p] = c * arp - s * arq;
                        a[r * m + q] = s * arp + c * arq;
                    }
                    for (int r = 0; r < m; r++)
                    {
                        double apr = a[p * m + r], aqr = a[q * m + r];
                        a[p * m + r] = c * apr - s * aqr;
                        a[q * m + r] = s * apr + c * aqr;
                    }
                    if (!accumulate) continue;
                    for (int r = 0; r < m; r++)
                    {
                        double vrp = vectors[r * m + p], vrq = vectors[r * m + q];
                        vectors[r * m + p] = c * vrp - s * vrq;
                        vectors[r * m + q] = s * vrp + c * vrq;
                    }
                }
        }
    }
}
