namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>An MPI call returned an error code; the message carries MPI's own text for it.</summary>
public sealed class MpiException : Exception
{
    /// <summary>An error of <paramref name="call"/> with MPI's <paramref name="errorCode"/> and its text.</summary>
    public MpiException(string call, int errorCode, string text)
        : base($"{call} failed with MPI error {errorCode}: {text}")
    {
        Call = call;
        ErrorCode = errorCode;
    }

    /// <summary>The MPI function that failed, e.g. <c>MPI_Bcast</c>.</summary>
    public string Call { get; }

    /// <summary>The error code it returned (an MPI error class or an MPICH-specific code).</summary>
    public int ErrorCode { get; }
}
