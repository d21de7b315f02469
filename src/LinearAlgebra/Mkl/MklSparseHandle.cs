using System.Runtime.InteropServices;

namespace OptSuite.LinearAlgebra.Mkl;

/// <summary>
/// An MKL inspector–executor handle (<c>sparse_matrix_t</c>) over one <see cref="CompressedStorage"/>, read as CSR:
/// LineCount rows of length LineLength. The CSR of A and the CSC of Aᵀ share that storage, so one handle serves both.
/// </summary>
/// <remarks>
/// mkl_sparse_d_create_csr does not copy: MKL keeps the three array pointers for the handle's life, so the arrays are
/// pinned here (GCHandle) and unpinned only after mkl_sparse_destroy. The handle is created (and, when asked, hinted and
/// optimised) once under the storage's lock; afterwards mkl_sparse_d_mv only reads it, so concurrent products on one
/// matrix are safe.
/// Release runs from the finaliser when the storage becomes unreachable (the storage holds the only reference).
/// </remarks>
internal sealed unsafe class MklSparseHandle : SafeHandle
{
    private GCHandle _pointers, _indices, _values;

    private MklSparseHandle() : base(IntPtr.Zero, ownsHandle: true) { }

    /// <inheritdoc/>
    public override bool IsInvalid => handle == IntPtr.Zero;

    /// <summary>Rows of the CSR reading (the storage's line count).</summary>
    public int Rows { get; private set; }

    /// <summary>Columns of the CSR reading (the storage's line length).</summary>
    public int Columns { get; private set; }

    /// <summary>
    /// The handle cached on <paramref name="storage"/>, created on first use; with <paramref name="optimize"/> it is
    /// hinted for non-transposed products and optimised.
    /// </summary>
    public static MklSparseHandle For(CompressedStorage storage, bool optimize)
    {
        if (storage.BackendCache is MklSparseHandle cached) return cached;
        lock (storage.SyncRoot)
        {
            if (storage.BackendCache is MklSparseHandle again) return again;
            var created = Create(storage, hintPlain: optimize, hintTranspose: false);
            storage.BackendCache = created;
            return created;
        }
    }

    /// <summary>Creates a handle with the given mv hints (mkl_sparse_optimize runs only when one is given).</summary>
    public static MklSparseHandle Create(CompressedStorage storage, bool hintPlain, bool hintTranspose)
    {
        if (storage.NonZeroCount == 0 || storage.LineCount == 0 || storage.LineLength == 0)
            throw new InvalidOperationException("An MKL sparse handle needs at least one stored entry (callers handle empty matrices).");
        var h = new MklSparseHandle { Rows = storage.LineCount, Columns = storage.LineLength };
        h._pointers = GCHandle.Alloc(storage.Pointers, GCHandleType.Pinned);
        h._indices = GCHandle.Alloc(storage.Indices, GCHandleType.Pinned);
        h._values = GCHandle.Alloc(storage.Values, GCHandleType.Pinned);
        try
        {
            int* ptr = (int*)h._pointers.AddrOfPinnedObject();
            int status = MklNative.SparseCreateCsr(out IntPtr raw, MklNative.SparseIndexBaseZero, storage.LineCount,
                storage.LineLength, ptr, ptr + 1, (int*)h._indices.AddrOfPinnedObject(), (double*)h._values.AddrOfPinnedObject());
            Check(status, "mkl_sparse_d_create_csr");
            h.SetHandle(raw);
            var descr = MklNative.MatrixDescr.General;
            // Hints only steer the inspector; a rejected hint (NOT_SUPPORTED) is not an error.
            if (hintPlain) _ = MklNative.SparseSetMvHint(raw, MklNative.SparseOperationNonTranspose, descr, 1000);
            if (hintTranspose) _ = MklNative.SparseSetMvHint(raw, MklNative.SparseOperationTranspose, descr, 1000);
            if (hintPlain || hintTranspose) Check(MklNative.SparseOptimize(raw), "mkl_sparse_optimize");
            return h;
        }
        catch
        {
            // Without a valid handle Dispose skips ReleaseHandle, so unpin here.
            if (h.IsInvalid) h.Unpin();
            h.Dispose();
            throw;
        }
    }

    /// <summary>y = α·op(A)x + βy with A this handle's CSR reading.</summary>
    public void Multiply(bool transpose, double alpha, double* x, double beta, double* y)
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
            int status = MklNative.SparseMv(
                transpose ? MklNative.SparseOperationTranspose : MklNative.SparseOperationNonTranspose,
                alpha, handle, MklNative.MatrixDescr.General, x, beta, y);
            Check(status, "mkl_sparse_d_mv");
        }
        finally
        {
            if (added) DangerousRelease();
        }
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        int status = handle == IntPtr.Zero ? MklNative.SparseStatusSuccess : MklNative.SparseDestroy(handle);
        // Unpin only once MKL has let go of the arrays.
        Unpin();
        return status == MklNative.SparseStatusSuccess;
    }

    private void Unpin()
    {
        if (_pointers.IsAllocated) _pointers.Free();
        if (_indices.IsAllocated) _indices.Free();
        if (_values.IsAllocated) _values.Free();
    }

    private static void Check(int status, string routine)
    {
        if (status != MklNative.SparseStatusSuccess)
            throw new InvalidOperationException($"{routine} failed with {MklNative.SparseStatusName(status)}.");
    }
}
