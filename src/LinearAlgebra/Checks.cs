namespace OptSuite.LinearAlgebra;

/// <summary>Argument checks shared by the matrix types; messages name the parameter and both lengths.</summary>
internal static class Checks
{
    public static void Length(int actual, int expected, string name, string what)
    {
        if (actual != expected)
            throw new ArgumentException($"{name} must have length {expected} ({what}); it has length {actual}.", name);
    }

    public static void Index(int value, int count, string name, string what)
    {
        if ((uint)value >= (uint)count)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a {what} index in [0, {count}).");
    }

    public static void Dimension(int value, string name)
    {
        if (value < 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be non-negative.");
    }
}
