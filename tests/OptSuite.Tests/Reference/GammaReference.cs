using System.Text.Json;
using OptSuite.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.Tests.Reference;

/// <summary>
/// The frozen optima of penalised Gamma regression (log link) on abalone_scale (4,177 × 8, rings 1–29), for tests of
/// <c>GammaLoss</c> objectives and of a Gamma regressor: F(w, b) = (1/n)Σ (y_i e^(−z_i) + z_i) + λ(α‖w‖₁ + (1 − α)/2‖w‖²).
/// </summary>
/// <remarks>
/// Written by <see cref="Script"/> into <see cref="File"/>; the JSON records tool, versions, command, tolerance and the
/// checks made. L2 cases (problem <c>gamma_l2</c>): scikit-learn 1.2.1 <c>GammaRegressor(alpha = λ, solver =
/// 'newton-cholesky', tol = 1e-12)</c>, whose own objective at its solution equals F to the last bit (λ = alpha), with
/// solver 'lbfgs' as the second peer (same F to 1e-13, coefficients only to ~1e-6: sklearn passes ftol = 64ε to
/// L-BFGS-B). L1 / elastic-net cases (<c>gamma_l1</c>, <c>gamma_enet</c>, λ = λ_max/20): glmnet 4.1-6 with
/// <c>family = Gamma(link = "log")</c>, <c>standardize = FALSE</c>, polished by Newton's method on its support (KKT
/// residual ≤ 1e-16). Coefficients are exact to ~1e-12 relative. The same file also loads as
/// <see cref="ReferenceCase"/>s (<c>ReferenceCase.Load("gamma")</c>) for objective-only checks.
/// </remarks>
public static class GammaReference
{
    /// <summary>The script that wrote <see cref="File"/> (run from the repository root with /usr/bin/python3).</summary>
    public const string Script = "datasets/reference/make_gamma_references.py";

    /// <summary>The frozen file, relative to the repository root.</summary>
    public const string File = "datasets/reference/gamma.json";

    /// <summary>The data set (shipped), relative to the repository root.</summary>
    public const string Data = "datasets/regression/abalone_scale";

    /// <summary>One frozen optimum.</summary>
    /// <param name="Problem"><c>gamma_l2</c>, <c>gamma_l1</c> or <c>gamma_enet</c>.</param>
    /// <param name="Lambda">λ (scikit-learn's alpha, glmnet's lambda).</param>
    /// <param name="L1Ratio">α, the L1 share (0 for the L2 cases).</param>
    /// <param name="FitIntercept">Whether b is fitted (unpenalised).</param>
    /// <param name="Objective">F at the optimum.</param>
    /// <param name="Coefficients">w.</param>
    /// <param name="Intercept">b (0 without intercept).</param>
    /// <param name="Tool">The peer that produced it.</param>
    public sealed record Case(string Problem, double Lambda, double L1Ratio, bool FitIntercept, double Objective,
        double[] Coefficients, double Intercept, string Tool)
    {
        /// <inheritdoc/>
        public override string ToString() => $"{Problem} λ={Lambda:G4}{(L1Ratio is > 0 and < 1 ? $" α={L1Ratio}" : "")}{(FitIntercept ? " +b" : "")}";
    }

    /// <summary>Every frozen case, in file order (L2 λ = 1 and 0.01 with intercept, L2 λ = 0.01 without, L1, elastic net).</summary>
    public static IReadOnlyList<Case> Cases { get; } = Load();

    /// <summary>The data (CSR) and the positive labels.</summary>
    public static (CsrMatrix X, double[] Y) LoadData()
    {
        var ds = SvmlightReader.Read(Path.Combine(Root(), Data));
        return (ds.Features, ds.Labels.ToArray());
    }

    private static string Root() => DatasetLocator.RepositoryRoot() ?? throw new InvalidOperationException("Tests must run from a checkout.");

    private static List<Case> Load()
    {
        using var doc = JsonDocument.Parse(System.IO.File.ReadAllText(Path.Combine(Root(), File)));
        var list = new List<Case>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            if (e.GetProperty("data").GetString() != Data) throw new InvalidDataException($"{File}: a case on another data set.");
            list.Add(new Case(
                e.GetProperty("problem").GetString()!,
                e.GetProperty("lam").GetDouble(),
                e.GetProperty("l1_ratio") is { ValueKind: JsonValueKind.Number } r ? r.GetDouble() : 0.0,
                e.GetProperty("fit_intercept").GetBoolean(),
                e.GetProperty("objective").GetDouble(),
                e.GetProperty("coef").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
                e.GetProperty("intercept").GetDouble(),
                e.GetProperty("tool").GetString()!));
        }
        return list;
    }
}
