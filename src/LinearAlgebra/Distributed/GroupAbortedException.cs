namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>What a rank throws when another rank aborted its group: a consequence, not a cause.</summary>
internal sealed class GroupAbortedException(string message, CancellationToken token) : OperationCanceledException(message, token);
