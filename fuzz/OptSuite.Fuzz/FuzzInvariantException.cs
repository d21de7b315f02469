namespace OptSuite.Fuzz;

/// <summary>A parser accepted an input but what it returned breaks an invariant (shapes, finiteness, round trip).</summary>
/// <param name="message">The broken invariant.</param>
public sealed class FuzzInvariantException(string message) : Exception(message);
