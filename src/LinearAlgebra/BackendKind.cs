namespace OptSuite.LinearAlgebra;

/// <summary>Which implementation runs the linear-algebra kernels.</summary>
public enum BackendKind
{
    /// <summary>Pure .NET: TensorPrimitives and SIMD loops, multi-threaded for large products. Always available.</summary>
    Managed,

    /// <summary>Intel MKL through libmkl_rt.so (LP64), when it is installed and passes its self-check.</summary>
    Mkl,
}
