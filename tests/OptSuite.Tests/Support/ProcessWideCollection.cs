namespace OptSuite.Tests.Support;

/// <summary>
/// Tests that change or measure process-wide state run alone: LinearAlgebraSettings.MaxThreads (the process default;
/// fits and tests that only need a thread count for themselves use a LinearAlgebraSettings.UseThreads scope, which
/// concurrent tests do not see), and the fuzzer's allocation budget counts every thread's allocations
/// (GC.GetTotalAllocatedBytes), so another test running beside it would disturb it.
/// </summary>
[CollectionDefinition("Process-wide", DisableParallelization = true)]
public sealed class ProcessWideCollection;
