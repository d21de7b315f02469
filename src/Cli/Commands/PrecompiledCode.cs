using System.Reflection.PortableExecutable;

namespace OptSuite.Cli.Commands;

/// <summary>
/// Whether the command runs precompiled (ReadyToRun) code: a published optsuite (<c>dotnet publish src/Cli</c>, the
/// tool packages) carries crossgen2's native code in each assembly, a plain build does not and leaves every method to
/// the JIT at start-up. <c>optsuite info</c> reports it, and scripts/check-packages.sh refuses a tool without it.
/// </summary>
internal static class PrecompiledCode
{
    /// <summary>
    /// True when <paramref name="path"/> is a managed assembly with a ReadyToRun header (the CLI header's
    /// ManagedNativeHeader directory, which crossgen2 fills and the C# compiler leaves empty); false for IL-only
    /// assemblies and for files that are not managed PE images.
    /// </summary>
    public static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        try
        {
            return pe.PEHeaders.CorHeader is { } cor && cor.ManagedNativeHeaderDirectory.Size > 0;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    /// <summary>
    /// "ReadyToRun (k of n assemblies)" over the managed assemblies in <paramref name="directory"/> (the command's own
    /// folder), or "no: IL only, ..." when none is precompiled.
    /// </summary>
    public static string Describe(string directory)
    {
        int managed = 0, precompiled = 0;
        foreach (string dll in Directory.EnumerateFiles(directory, "*.dll"))
        {
            if (!IsManaged(dll)) continue;
            managed++;
            if (IsReadyToRun(dll)) precompiled++;
        }
        return precompiled == 0
            ? "no: IL only, compiled by the JIT at start-up (publish with 'dotnet publish src/Cli -c Release' for ReadyToRun)"
            : $"ReadyToRun ({precompiled} of {managed} assemblies)";
    }

    private static bool IsManaged(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        try
        {
            return pe.PEHeaders.CorHeader is not null;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
