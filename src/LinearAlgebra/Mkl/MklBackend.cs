namespace OptSuite.LinearAlgebra.Mkl;

// Transitional: the MKL binding lands in the same change set (see issue 2); until then MKL reports unavailable.
internal static class MklBackend
{
    public static bool TryCreate(out ILinearAlgebraBackend? backend, out string reason)
    {
        backend = null;
        reason = "MKL binding not built yet";
        return false;
    }
}
