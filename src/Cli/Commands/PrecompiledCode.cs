using System.Reflection.PortableExecutable;

namespace OptSuite.Cli.Commands;

/// <summary>
/// Whether the command runs precompiled (ReadyToRun) code: a published optsuite (<c>dotnet publish src/Cli</c>) is
/// self-contained with one composite image for the runtime, our assemblies and the packages'; the tool packages carry
/// crossgen2's native code in each assembly; a plain build has neither and leaves every method to the JIT at start-up.
/// <c>optsuite info</c> reports which, and scripts/check-packages.sh refuses a tool without it.
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
    /// folder), followed by the composite image's name and whether the runtime ships in the folder when there is one
    /// (a composite image is named <c>*.r2r.dll</c> and is not itself a managed assembly), or "no: IL only, ..." when
    /// none is precompiled.
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
        if (precompiled == 0)
            return "no: IL only, compiled by the JIT at start-up (publish with 'dotnet publish src/Cli -c Release' for ReadyToRun)";
        string? composite = Directory.EnumerateFiles(directory, "*.r2r.dll").Select(Path.GetFileName).Order(StringComparer.Ordinal).FirstOrDefault();
        bool runtimeIncluded = File.Exists(Path.Combine(directory, "System.Private.CoreLib.dll"));
        string detail = composite is null ? "" : $", composite image {composite}" + (runtimeIncluded ? ", runtime included" : "");
        return $"ReadyToRun ({precompiled} of {managed} assemblies{detail})";
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
