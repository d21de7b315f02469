namespace OptSuite.Solvers;

/// <summary>How many times a solver evaluated the objective's parts.</summary>
/// <param name="Functions">Objective (smooth part) evaluations.</param>
/// <param name="Gradients">Gradient evaluations (a value-and-gradient pass counts once in each).</param>
/// <param name="Proxes">Prox operator applications (a coordinate prox counts once per coordinate).</param>
public readonly record struct EvaluationCounts(long Functions, long Gradients, long Proxes);
