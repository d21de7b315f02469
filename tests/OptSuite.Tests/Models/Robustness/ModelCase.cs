using OptSuite.Models;

namespace OptSuite.Tests.Models.Robustness;

/// <summary>One estimator configuration with one solver, as the robustness checks run it.</summary>
/// <param name="Name">The configuration's name (test output).</param>
/// <param name="Create">A fresh, unfitted estimator with the configuration.</param>
/// <param name="Solver">The solver to run.</param>
public sealed record ModelCase(string Name, Func<LinearEstimator> Create, SolverKind Solver)
{
    /// <summary>Whether the estimator is a classifier (labels) rather than a regressor (targets).</summary>
    public bool IsClassifier => Create() is LinearClassifier;

    /// <summary>An estimator with the solver set.</summary>
    public LinearEstimator Build()
    {
        var m = Create();
        m.Solver = Solver;
        return m;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}/{SolverKindNames.ToName(Solver)}";
}
