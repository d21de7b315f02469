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

    public static void Finite(double value, string name)
    {
        if (!double.IsFinite(value)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite.");
    }

    /// <summary>Every entry of <paramref name="rows"/> is a row index in [0, <paramref name="count"/>).</summary>
    public static void RowIndices(ReadOnlySpan<int> rows, int count, string name)
    {
        for (int r = 0; r < rows.Length; r++)
            if ((uint)rows[r] >= (uint)count)
                throw new ArgumentOutOfRangeException(name, rows[r], $"{name}[{r}] = {rows[r]} is not a row index in [0, {count}).");
    }

    /// <summary>The entries of a matrix grown to <paramref name="count"/> must fit one .NET array (int32 sparse indices).</summary>
    public static void Storable(long count, string what)
    {
        if (count > Array.MaxLength)
            throw new InvalidOperationException($"The result would hold {count} {what}, more than one array can ({Array.MaxLength}).");
    }
}
