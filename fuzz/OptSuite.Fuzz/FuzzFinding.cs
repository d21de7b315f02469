namespace OptSuite.Fuzz;

/// <summary>An input that broke a rule: an unexpected exception type, a broken invariant, a slow parse or an allocation
/// out of proportion to the input and its parsed size.</summary>
/// <param name="Target">The target's name.</param>
/// <param name="Kind">crash, invariant, slow or allocation.</param>
/// <param name="Signature">What identifies the bug (exception type and the throwing frame), for de-duplication.</param>
/// <param name="Message">The details.</param>
/// <param name="Input">The input (the first one seen with this signature).</param>
public sealed record FuzzFinding(string Target, string Kind, string Signature, string Message, byte[] Input)
{
    /// <summary>How many inputs hit this signature.</summary>
    public long Count { get; set; } = 1;
}
