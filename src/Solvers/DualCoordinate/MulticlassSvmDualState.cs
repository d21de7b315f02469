using OptSuite.Objectives;
using OptSuite.Prox;

namespace OptSuite.Solvers;

/// <summary>
/// jaxopt's <c>multiclass_linear_svm_dual</c> (<see cref="MulticlassSvmDualObjective"/>) solved by the sequential dual
/// method of <see cref="CrammerSingerDualState"/> (Keerthi et al. 2008; LIBLINEAR -s 4), seen in jaxopt's variables β.
/// </summary>
/// <remarks>
/// With λ = l2reg and every bound C_i = 1/λ (weights a_i = 1, so the state works on the sum-form primal
/// P(W) = Σ_i ℓ_CS(y_i, Wᵀx_i) + (λ/2)‖W‖²_F), the two duals are one problem under the affine bijection
/// <code>α = (Y − β)/λ,   β = Y − λα,   W = Xᵀα = Xᵀ(Y − β)/λ</code>
/// (Y the one-hot labels): row sums Σ_m β_im = 1 ⇔ Σ_m α_im = 0; β_im ≥ 0 ⇔ α_im ≤ 0 for m ≠ y_i and α_i,y_i ≤ 1/λ.
/// The values agree exactly: f(β) = (1/(2λ))‖λXᵀα‖² − Σ_{m≠y_i} β_im = λ(½‖W‖² + Σ_{m≠y_i} α_im) = −D(α), so the
/// state's gap P − D is jaxopt's P(W(β)) + f(β). β is formed as Y − α/C_i rather than Y − λα, so a class at its bound
/// (α = C) gives β = 0 exactly and every row stays on the simplex to rounding. A warm start β is projected row-wise onto
/// the simplex, then mapped to α (then feasible).
/// </remarks>
internal sealed class MulticlassSvmDualState : ISolverState
{
    private readonly CrammerSingerDualState _sdm;
    private readonly int[] _y;
    private readonly int _k;

    /// <param name="objective">The jaxopt dual.</param>
    /// <param name="beta0">Warm start β (n×k row-major), or empty for β = Y (α = 0, W = 0). Never modified.</param>
    /// <param name="options">Options of the sequential dual method.</param>
    public MulticlassSvmDualState(MulticlassSvmDualObjective objective, ReadOnlySpan<double> beta0, DualCoordinateDescentOptions options)
    {
        ArgumentNullException.ThrowIfNull(objective);
        _y = objective.Labels.ToArray();
        _k = objective.Classes;
        int n = _y.Length, k = _k;
        double lambda = objective.L2Reg;
        var ones = new double[n];
        ones.AsSpan().Fill(1.0);
        double[] alpha0 = [];
        if (!beta0.IsEmpty)
        {
            alpha0 = StartingPoint.Copy(beta0, objective.Dimension);   // checks length and finiteness (parameter x0)
            double c = 1.0 / lambda;   // the state's C_i = a_i/λ with a_i = 1
            for (int i = 0; i < n; i++)
            {
                Span<double> row = alpha0.AsSpan(i * k, k);
                Projections.Simplex(row, 1.0, row);
                for (int m = 0; m < k; m++) row[m] = c * ((m == _y[i] ? 1.0 : 0.0) - row[m]);
            }
        }
        _sdm = new CrammerSingerDualState(objective.Data, _y, k, ones, lambda, options, alpha0);
    }

    public double Criterion => _sdm.Criterion;

    public EvaluationCounts Counts => _sdm.Counts;

    public StepOutcome Step() => _sdm.Step();

    /// <summary>The state's relative gap (P − D)/P with the sum-form primal P.</summary>
    public bool HasConverged(double tolerance) => _sdm.HasConverged(tolerance);

    /// <summary>f(β) = −D(α).</summary>
    public double Objective() => -_sdm.Dual();

    /// <summary>P(W(β)) + f(β).</summary>
    public double DualityGap() => _sdm.DualityGap();

    /// <summary>β = Y − α/C (n×k row-major) into <paramref name="beta"/>.</summary>
    private void Beta(Span<double> beta)
    {
        ReadOnlySpan<double> alpha = _sdm.Alpha, c = _sdm.Bounds;
        int k = _k;
        for (int i = 0; i < _y.Length; i++)
            for (int m = 0; m < k; m++)
                beta[i * k + m] = (m == _y[i] ? 1.0 : 0.0) - alpha[i * k + m] / c[i];
    }

    /// <summary>The result in jaxopt's terms: Solution β, Objective f(β), DualityGap P(W(β)) + f(β).</summary>
    public SolverResult ToResult(LoopOutcome outcome)
    {
        SolverResult sdm = _sdm.ToResult(outcome);
        var beta = new double[_y.Length * _k];
        Beta(beta);
        return outcome.ToResult(beta, -_sdm.LastDual, sdm.Criterion, sdm.DualityGap, sdm.Counts);
    }
}
