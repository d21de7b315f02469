using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Distributed;
using OptSuite.Objectives;
using OptSuite.Prox;
using OptSuite.Solvers;

namespace OptSuite.Models;

/// <summary>
/// One convex problem as an estimator poses it: the objective F (w row-major p×m, then the intercepts), what the solver
/// registry reads to decide which solvers apply (<see cref="Traits"/>), and the typed entry points of those solvers.
/// Get one from an estimator's <c>CreateProblem</c> to run any solver on exactly the estimator's problem (what
/// <c>optsuite bench</c> does), or let <c>Fit</c> run it.
/// </summary>
/// <remarks>
/// The subclasses pair an objective family with the solvers whose generic constraints it meets (a coordinate method needs
/// a separable regulariser type, trust-region Newton the zero regulariser, the interior-point method the pinball loss);
/// whether a solver applies is decided by <see cref="SolverRegistry"/> from the traits alone.
/// </remarks>
public abstract class FitProblem
{
    private protected FitProblem(ICompositeFunction objective, ProblemTraits traits, int weightCount, ILinearMap? data = null)
    {
        Communicator = (data as IDistributedMap)?.Communicator;
        Objective = objective;
        Traits = traits;
        WeightCount = weightCount;
    }

    /// <summary>The ranks X's rows are split across (an <see cref="IDistributedMap"/>'s communicator), or null: every run
    /// of a solver on the problem gets it (<see cref="SolverSettings.Communicator"/>).</summary>
    internal ICommunicator? Communicator { get; }

    /// <summary>F, over w (p×m row-major) then the intercepts.</summary>
    public ICompositeFunction Objective { get; }

    /// <summary>The capabilities the solver registry reads.</summary>
    public ProblemTraits Traits { get; }

    /// <summary>The number of coefficients (p·m) before the intercepts in a point of <see cref="Objective"/>.</summary>
    public int WeightCount { get; }

    /// <summary>
    /// LIBLINEAR's bias B when the estimator fits its intercept as a penalised constant feature (the last row of W is that
    /// feature's weights, and the intercepts are B times them); null for an unpenalised intercept or none.
    /// </summary>
    public double? BiasScaling { get; internal set; }

    /// <summary>The solvers that handle this problem, in the registry's order.</summary>
    public IReadOnlyList<SolverKind> Solvers => SolverRegistry.Supported(Traits);

    /// <summary>Runs <paramref name="solver"/> (Auto: the registry's choice, without hand-overs) from <paramref name="x0"/>.</summary>
    /// <param name="solver">The solver; one that does not handle the problem is an <see cref="UnsupportedSolverException"/>.</param>
    /// <param name="settings">Tolerance, limits, seed, observer and cancellation; defaults when null.</param>
    /// <param name="x0">Starting point (w, then b); zeros when empty. Never modified.</param>
    public SolverResult Solve(SolverKind solver, SolverSettings? settings = null, ReadOnlySpan<double> x0 = default)
    {
        var descriptor = SolverRegistry.Get(SolverRegistry.Resolve(solver, Traits, "this problem"));
        return descriptor.Run(this, settings ?? new SolverSettings(), x0.IsEmpty ? null : x0.ToArray());
    }

    /// <summary>Whether X is stored (dense, CSR or CSC) rather than a caller's own linear map.</summary>
    private protected static bool Stored(ILinearMap x) => x is DenseMatrix or CompressedMatrix;

    /// <summary>What a regulariser offers, read from its capabilities.</summary>
    private protected static RegularizerForm Form<TReg>(TReg reg) where TReg : struct, IRegularizer => (object)reg switch
    {
        ISmoothRegularizer { GradientLipschitz: 0 } => RegularizerForm.None,
        IWeightedL1Regularizer when reg.IsSmooth => RegularizerForm.None,   // a weighted L1 norm of strength 0
        IWeightedL1Regularizer => RegularizerForm.WeightedL1,
        IBlockRegularizer => RegularizerForm.Block,
        ISeparableRegularizer => RegularizerForm.Separable,
        _ => RegularizerForm.Other,
    };

    /// <summary>"squared" for SquaredLoss, "squared hinge" for SquaredHingeLoss: the loss's name for messages.</summary>
    private protected static string NameOf<TLoss>()
    {
        string name = typeof(TLoss).Name;
        if (name.EndsWith("Loss", StringComparison.Ordinal)) name = name[..^4];
        var text = new System.Text.StringBuilder();
        foreach (char c in name)
        {
            if (char.IsUpper(c) && text.Length > 0) text.Append(' ');
            text.Append(char.ToLowerInvariant(c));
        }
        return text.ToString();
    }
}
