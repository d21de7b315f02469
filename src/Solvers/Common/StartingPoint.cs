namespace OptSuite.Solvers;

/// <summary>Copies a caller's starting point, so the solver never writes to it.</summary>
internal static class StartingPoint
{
    /// <summary>A fresh copy of <paramref name="x0"/>, or zeros when it is empty; checks length and finiteness.</summary>
    public static double[] Copy(ReadOnlySpan<double> x0, int dimension)
    {
        var copy = new double[dimension];
        CopyTo(x0, copy);
        return copy;
    }

    /// <summary>Writes <paramref name="x0"/> into <paramref name="destination"/> (its length is the dimension), or zeros
    /// when it is empty; checks length and finiteness.</summary>
    public static void CopyTo(ReadOnlySpan<double> x0, Span<double> destination)
    {
        if (x0.IsEmpty)
        {
            destination.Clear();
            return;
        }
        if (x0.Length != destination.Length)
            throw new ArgumentException($"The starting point has length {x0.Length}; the objective has dimension {destination.Length}.", nameof(x0));
        for (int i = 0; i < x0.Length; i++)
            if (!double.IsFinite(x0[i]))
                throw new ArgumentException($"The starting point has a non-finite entry x0[{i}] = {x0[i]}.", nameof(x0));
        x0.CopyTo(destination);
    }
}
