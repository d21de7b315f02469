namespace OptSuite.LinearAlgebra.Mkl;

/// <summary>
/// The threading library MKL runs on. OptSuite only ever selects these two: MKL's default, Intel OpenMP (libiomp5), is
/// not shipped by Debian, and selecting it (or GNU without libgomp loaded globally) kills the process on the first
/// call with <c>undefined symbol: omp_get_num_procs</c>.
/// </summary>
public enum MklThreadingLayer
{
    /// <summary>GNU OpenMP (libmkl_gnu_thread.so over libgomp.so.1, loaded with RTLD_GLOBAL before MKL).</summary>
    Gnu,

    /// <summary>No threading (libmkl_sequential.so): used when libgomp cannot be loaded or when asked for.</summary>
    Sequential,
}
