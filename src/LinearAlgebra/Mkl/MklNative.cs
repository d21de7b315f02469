using System.Runtime.InteropServices;

namespace OptSuite.LinearAlgebra.Mkl;

/// <summary>
/// P/Invoke declarations for the part of Intel MKL that OptSuite uses, through the single dynamic library
/// <c>libmkl_rt.so</c> with the LP64 interface (32-bit <c>MKL_INT</c>). Only the C entry points are used: in
/// libmkl_rt the lower-case <c>mkl_set_*</c> service names are the Fortran ones (arguments by reference), the C ones
/// are spelt <c>MKL_Set_*</c>.
/// </summary>
/// <remarks>
/// Nothing here may be called before <see cref="MklLoader"/> has chosen the threading layer: the first computational
/// call makes libmkl_rt load its threading library, and with the default (Intel OpenMP, libiomp5, absent on Debian)
/// the process dies with <c>undefined symbol: omp_get_num_procs</c>. Constants follow mkl_cblas.h, mkl_lapacke.h,
/// mkl_spblas.h and mkl_service.h of MKL 2020.
/// </remarks>
internal static unsafe partial class MklNative
{
    public const string Library = "libmkl_rt.so";

    // CBLAS / LAPACKE layouts and flags.
    public const int RowMajor = 101, ColMajor = 102;
    public const int NoTrans = 111, Trans = 112;
    public const int Upper = 121, Lower = 122;

    // mkl_service.h
    public const int ThreadingIntel = 0, ThreadingSequential = 1, ThreadingPgi = 2, ThreadingGnu = 3, ThreadingTbb = 4;
    public const int InterfaceLp64 = 0;

    // mkl_spblas.h
    public const int SparseStatusSuccess = 0;
    public const int SparseIndexBaseZero = 0;
    public const int SparseOperationNonTranspose = 10, SparseOperationTranspose = 11;
    public const int SparseMatrixTypeGeneral = 20;
    public const int SparseFillModeFull = 42;
    public const int SparseDiagNonUnit = 50;

    /// <summary>struct matrix_descr { sparse_matrix_type_t type; sparse_fill_mode_t mode; sparse_diag_type_t diag; }.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct MatrixDescr
    {
        public int Type;
        public int Mode;
        public int Diag;

        public static MatrixDescr General => new() { Type = SparseMatrixTypeGeneral, Mode = SparseFillModeFull, Diag = SparseDiagNonUnit };
    }

    [LibraryImport(Library, EntryPoint = "MKL_Set_Threading_Layer")]
    public static partial int SetThreadingLayer(int code);

    [LibraryImport(Library, EntryPoint = "MKL_Set_Interface_Layer")]
    public static partial int SetInterfaceLayer(int code);

    [LibraryImport(Library, EntryPoint = "MKL_Set_Num_Threads")]
    public static partial void SetNumThreads(int n);

    /// <summary>mkl_set_num_threads_local: the calling thread's count (0 = follow the global one); returns the previous.</summary>
    [LibraryImport(Library, EntryPoint = "MKL_Set_Num_Threads_Local")]
    public static partial int SetNumThreadsLocal(int n);

    [LibraryImport(Library, EntryPoint = "MKL_Get_Max_Threads")]
    public static partial int GetMaxThreads();

    /// <summary>MKL_CBWR_AUTO: conditional numerical reproducibility on the code path MKL picks for this CPU.</summary>
    public const int CbwrAuto = 2;

    /// <summary>MKL_CBWR_STRICT: reproducible results independent of the arrays' memory alignment.</summary>
    public const int CbwrStrict = 0x10000;

    /// <summary>MKL_CBWR_ALL: asks mkl_cbwr_get for the whole current setting.</summary>
    public const int CbwrAll = ~0;

    /// <summary>MKL_CBWR_SUCCESS.</summary>
    public const int CbwrSuccess = 0;

    [LibraryImport(Library, EntryPoint = "MKL_CBWR_Set")]
    public static partial int CbwrSet(int settings);

    [LibraryImport(Library, EntryPoint = "MKL_CBWR_Get")]
    public static partial int CbwrGet(int option);

    [LibraryImport(Library, EntryPoint = "MKL_Get_Version_String")]
    public static partial void GetVersionString(byte* buffer, int length);

    [LibraryImport(Library, EntryPoint = "cblas_ddot")]
    public static partial double Ddot(int n, double* x, int incx, double* y, int incy);

    [LibraryImport(Library, EntryPoint = "cblas_daxpy")]
    public static partial void Daxpy(int n, double alpha, double* x, int incx, double* y, int incy);

    [LibraryImport(Library, EntryPoint = "cblas_dnrm2")]
    public static partial double Dnrm2(int n, double* x, int incx);

    [LibraryImport(Library, EntryPoint = "cblas_dgemv")]
    public static partial void Dgemv(int layout, int trans, int m, int n, double alpha, double* a, int lda,
        double* x, int incx, double beta, double* y, int incy);

    [LibraryImport(Library, EntryPoint = "cblas_dgemm")]
    public static partial void Dgemm(int layout, int transA, int transB, int m, int n, int k, double alpha,
        double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);

    [LibraryImport(Library, EntryPoint = "cblas_dsyrk")]
    public static partial void Dsyrk(int layout, int uplo, int trans, int n, int k, double alpha,
        double* a, int lda, double beta, double* c, int ldc);

    [LibraryImport(Library, EntryPoint = "LAPACKE_dpotrf")]
    public static partial int Dpotrf(int layout, byte uplo, int n, double* a, int lda);

    [LibraryImport(Library, EntryPoint = "LAPACKE_dpotrs")]
    public static partial int Dpotrs(int layout, byte uplo, int n, int nrhs, double* a, int lda, double* b, int ldb);

    [LibraryImport(Library, EntryPoint = "mkl_sparse_d_create_csr")]
    public static partial int SparseCreateCsr(out IntPtr handle, int indexing, int rows, int cols,
        int* rowsStart, int* rowsEnd, int* colIndex, double* values);

    [LibraryImport(Library, EntryPoint = "mkl_sparse_d_create_csc")]
    public static partial int SparseCreateCsc(out IntPtr handle, int indexing, int rows, int cols,
        int* colsStart, int* colsEnd, int* rowIndex, double* values);

    [LibraryImport(Library, EntryPoint = "mkl_sparse_set_mv_hint")]
    public static partial int SparseSetMvHint(IntPtr handle, int operation, MatrixDescr descr, int expectedCalls);

    [LibraryImport(Library, EntryPoint = "mkl_sparse_optimize")]
    public static partial int SparseOptimize(IntPtr handle);

    [LibraryImport(Library, EntryPoint = "mkl_sparse_d_mv")]
    public static partial int SparseMv(int operation, double alpha, IntPtr handle, MatrixDescr descr,
        double* x, double beta, double* y);

    [LibraryImport(Library, EntryPoint = "mkl_sparse_destroy")]
    public static partial int SparseDestroy(IntPtr handle);

    /// <summary>The name of a sparse_status_t code, for error messages.</summary>
    public static string SparseStatusName(int status) => status switch
    {
        0 => "SPARSE_STATUS_SUCCESS",
        1 => "SPARSE_STATUS_NOT_INITIALIZED",
        2 => "SPARSE_STATUS_ALLOC_FAILED",
        3 => "SPARSE_STATUS_INVALID_VALUE",
        4 => "SPARSE_STATUS_EXECUTION_FAILED",
        5 => "SPARSE_STATUS_INTERNAL_ERROR",
        6 => "SPARSE_STATUS_NOT_SUPPORTED",
        _ => $"sparse status {status}",
    };
}
