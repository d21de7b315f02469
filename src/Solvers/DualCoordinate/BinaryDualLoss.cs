namespace OptSuite.Solvers;

/// <summary>The losses <see cref="DualCoordinateDescent"/> handles.</summary>
internal enum BinaryDualLoss
{
    Hinge,
    SquaredHinge,
    Logistic,
}
