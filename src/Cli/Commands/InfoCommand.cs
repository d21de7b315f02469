using System.CommandLine;
using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using OptSuite.Cli.Output;
using OptSuite.LinearAlgebra;
using OptSuite.LinearAlgebra.Mkl;

namespace OptSuite.Cli.Commands;

/// <summary><c>optsuite info</c>: version, active backend and why, threads and the OpenMP wait policy, CPU, SIMD width,
/// and whether the command runs ReadyToRun code.</summary>
internal static class InfoCommand
{
    private static readonly Option<bool> Json = new("--json") { Description = "One JSON object on stdout." };

    public static Command Create()
    {
        var cmd = new Command("info", "Show the version, the linear-algebra backend and why it was chosen, threads, CPU and SIMD width.");
        cmd.Options.Add(Json);
        cmd.SetAction(parse => CommandRunner.Run(parse, () =>
        {
            var fields = Collect();
            if (parse.GetValue(Json)) Console.WriteLine(JsonLine.Of(fields));
            else KeyValueTable.Write("OptSuite", fields);
            return ExitCodes.Success;
        }));
        return cmd;
    }

    public static IReadOnlyList<KeyValuePair<string, object?>> Collect()
    {
        var backend = LinearAlgebraBackends.Default;
        return
        [
            new("version", Version()),
            new("backend", backend.Kind.ToString().ToLowerInvariant()),
            new("backend_description", backend.Description),
            new("backend_reason", LinearAlgebraBackends.DefaultReason),
            new("mkl_available", LinearAlgebraBackends.IsMklAvailable),
            new("mkl_status", LinearAlgebraBackends.MklStatus),
            new("omp_wait_policy", LinearAlgebraBackends.TryGetMkl(out var mkl) ? (mkl as MklBackend)?.OpenMpWaitPolicy : null),
            new("threads", LinearAlgebraSettings.MaxThreads),
            new("processors", Environment.ProcessorCount),
            new("cpu", CpuModel()),
            new("simd_doubles", Vector<double>.Count),
            new("simd_bits", Vector<double>.Count * 64),
            new("instruction_sets", InstructionSets()),
            new("runtime", RuntimeInformation.FrameworkDescription),
            new("precompiled", PrecompiledCode.Describe(AppContext.BaseDirectory)),
            new("os", RuntimeInformation.OSDescription),
        ];
    }

    public static string Version() =>
        typeof(InfoCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(InfoCommand).Assembly.GetName().Version?.ToString() ?? "unknown";

    private static string CpuModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                        return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            // Unreadable cpuinfo only loses a descriptive field.
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string InstructionSets()
    {
        var sets = new List<string>();
        if (Sse42.IsSupported) sets.Add("SSE4.2");
        if (Avx.IsSupported) sets.Add("AVX");
        if (Avx2.IsSupported) sets.Add("AVX2");
        if (Fma.IsSupported) sets.Add("FMA");
        if (Avx512F.IsSupported) sets.Add("AVX-512F");
        return sets.Count == 0 ? "none" : string.Join(" ", sets);
    }
}
