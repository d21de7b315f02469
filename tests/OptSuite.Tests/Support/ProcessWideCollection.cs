namespace OptSuite.Tests.Support;

/// <summary>
/// Tests that change or measure process-wide state run alone: fits with <c>Threads</c> set change
/// LinearAlgebraSettings.MaxThreads for every concurrent fit, and the fuzzer's allocation budget counts every thread's
/// allocations (GC.GetTotalAllocatedBytes), so another test running beside them would disturb both.
/// </summary>
[CollectionDefinition("Process-wide", DisableParallelization = true)]
public sealed class ProcessWideCollection;
