using OptSuite.Prox;

namespace OptSuite.Tests.Objectives.Linear;

/// <summary>Plain test-local regularisers, so the objective tests do not depend on src/Prox's implementations.</summary>
internal readonly struct TestNone : ISmoothRegularizer, ISeparableRegularizer
{
    public double Value(ReadOnlySpan<double> w) => 0;
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result) { v.CopyTo(result); return 0; }
    public double Conjugate(ReadOnlySpan<double> u) { foreach (double x in u) if (x != 0) return double.PositiveInfinity; return 0; }
    public double ConjugateDomainGauge(ReadOnlySpan<double> u) { foreach (double x in u) if (x != 0) return double.PositiveInfinity; return 0; }
    public bool IsSeparable => true;
    public bool IsSmooth => true;
    public double ValueAddGradient(ReadOnlySpan<double> w, Span<double> gradient) => 0;
    public double GradientLipschitz => 0;
    public double ValueCoordinate(double wj, int j) => 0;
    public double ProxCoordinate(double vj, double step, int j) => vj;
    public double SubdifferentialDistance(double wj, double gj, int j) => Math.Abs(gj);
    public double ConjugateCoordinate(double uj, int j) => uj == 0 ? 0 : double.PositiveInfinity;
    public double ConjugateDomainGaugeCoordinate(double uj, int j) => uj == 0 ? 0 : double.PositiveInfinity;
}

/// <summary>λ‖w‖₁.</summary>
internal readonly struct TestL1(double lambda) : IWeightedL1Regularizer, ISeparableRegularizer
{
    public double Value(ReadOnlySpan<double> w) { double s = 0; foreach (double x in w) s += Math.Abs(x); return lambda * s; }
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        for (int j = 0; j < v.Length; j++) result[j] = Math.Sign(v[j]) * Math.Max(Math.Abs(v[j]) - step * lambda, 0);
        return Value(result);
    }
    public double Conjugate(ReadOnlySpan<double> u) { foreach (double x in u) if (Math.Abs(x) > lambda * (1 + 1e-12)) return double.PositiveInfinity; return 0; }
    public double ConjugateDomainGauge(ReadOnlySpan<double> u) { double m = 0; foreach (double x in u) m = Math.Max(m, Math.Abs(x)); return m / lambda; }
    public bool IsSeparable => true;
    public bool IsSmooth => false;
    public void GetWeights(Span<double> weights) => weights.Fill(lambda);
    public double ValueCoordinate(double wj, int j) => lambda * Math.Abs(wj);
    public double ProxCoordinate(double vj, double step, int j) => Math.Sign(vj) * Math.Max(Math.Abs(vj) - step * lambda, 0);
    public double SubdifferentialDistance(double wj, double gj, int j) =>
        wj == 0 ? Math.Max(Math.Abs(gj) - lambda, 0) : Math.Abs(gj + lambda * Math.Sign(wj));
    public double ConjugateCoordinate(double uj, int j) => Math.Abs(uj) > lambda * (1 + 1e-12) ? double.PositiveInfinity : 0;
    public double ConjugateDomainGaugeCoordinate(double uj, int j) => Math.Abs(uj) / lambda;
}

/// <summary>λ Σ_rows ‖W_r‖₂ over rows of length k (row-major p×k).</summary>
internal readonly struct TestL21(double lambda, int k) : IRegularizer
{
    public double Value(ReadOnlySpan<double> w)
    {
        double s = 0;
        for (int r = 0; r < w.Length; r += k) { double q = 0; for (int c = 0; c < k; c++) q += w[r + c] * w[r + c]; s += Math.Sqrt(q); }
        return lambda * s;
    }
    public double Prox(ReadOnlySpan<double> v, double step, Span<double> result)
    {
        for (int r = 0; r < v.Length; r += k)
        {
            double q = 0; for (int c = 0; c < k; c++) q += v[r + c] * v[r + c];
            double norm = Math.Sqrt(q), f = norm > step * lambda ? 1 - step * lambda / norm : 0;
            for (int c = 0; c < k; c++) result[r + c] = f * v[r + c];
        }
        return Value(result);
    }
    public double Conjugate(ReadOnlySpan<double> u) => ConjugateDomainGauge(u) <= 1 + 1e-12 ? 0 : double.PositiveInfinity;
    public double ConjugateDomainGauge(ReadOnlySpan<double> u)
    {
        double m = 0;
        for (int r = 0; r < u.Length; r += k) { double q = 0; for (int c = 0; c < k; c++) q += u[r + c] * u[r + c]; m = Math.Max(m, Math.Sqrt(q)); }
        return m / lambda;
    }
    public bool IsSeparable => false;
    public bool IsSmooth => false;
}
