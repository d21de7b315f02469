namespace OptSuite.Tests.Cli;

/// <summary>Tests that swap Console.Out/Error run alone, so no other test's output lands in their capture.</summary>
[CollectionDefinition("Console", DisableParallelization = true)]
public sealed class ConsoleCollection;
