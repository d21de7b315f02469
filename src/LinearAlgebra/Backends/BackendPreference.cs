namespace OptSuite.LinearAlgebra;

/// <summary>Which backend to use by default (the <c>OPTSUITE_BACKEND</c> environment variable takes the same names).</summary>
public enum BackendPreference
{
    /// <summary>MKL when it loads and passes its self-check, else managed.</summary>
    Auto,

    /// <summary>Always the managed backend.</summary>
    Managed,

    /// <summary>MKL; an error naming the reason when it cannot be loaded.</summary>
    Mkl,
}
