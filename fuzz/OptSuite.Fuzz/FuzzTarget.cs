namespace OptSuite.Fuzz;

/// <summary>
/// One parser under test: its seed inputs, a run that parses one input and checks the result's invariants (returning the
/// size of what it built, in array elements, for the allocation budget), and the one exception type that is an
/// acceptable answer to malformed input.
/// </summary>
/// <param name="Name">The target's name on the command line (svmlight, matrix-market, csv, model).</param>
/// <param name="Seeds">Valid inputs the mutator starts from (real files, trimmed).</param>
/// <param name="Run">Parses one input; throws <paramref name="Expected"/> for malformed input, returns the output size.</param>
/// <param name="Expected">The documented exception type for malformed input.</param>
public sealed record FuzzTarget(string Name, IReadOnlyList<byte[]> Seeds, Func<byte[], long> Run, Type Expected)
{
    /// <summary>Whether <paramref name="e"/> is the documented answer to malformed input.</summary>
    public bool IsExpected(Exception e) => Expected.IsInstanceOfType(e);
}
