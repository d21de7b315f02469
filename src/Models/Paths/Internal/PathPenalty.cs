using OptSuite.Models.Internal;

namespace OptSuite.Models.Paths;

/// <summary>
/// The per-feature penalty options of a path (<see cref="LinearPath.PenaltyFactors"/>, the bounds, <see cref="LinearPath.Standardize"/>)
/// as the full-data problem and every fold's take them: the shape on the original columns (factors rescaled to sum to p,
/// bounds on the original coefficients) and whether to standardise. Each <see cref="PathProblem"/> computes its column
/// scales from its own rows, so a fold is standardised on its training rows (cv.glmnet calls glmnet per fold).
/// </summary>
internal sealed record PathPenalty(PenaltyShape? Shape, bool Standardize);
