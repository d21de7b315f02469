namespace OptSuite.LinearAlgebra;

/// <summary>Whether a kernel uses a matrix as stored or its transpose.</summary>
public enum Operation
{
    /// <summary>op(A) = A.</summary>
    NoTranspose,

    /// <summary>op(A) = Aᵀ.</summary>
    Transpose,
}
