using System.Diagnostics;
using OptSuite.Data;
using OptSuite.Data.Shards;
using OptSuite.Tests.Support;

namespace OptSuite.Tests.Cli;

/// <summary>A 200 MB svmlight file made once for <see cref="ConvertMemoryTests"/> (heart_scale repeated), deleted after.</summary>
public sealed class LargeSvmlightFile : IDisposable
{
    private readonly ScratchDirectory _dir = new("optsuite-convert-large");

    public LargeSvmlightFile()
    {
        byte[] heart = File.ReadAllBytes(DatasetLocator.Find("binary/heart_scale"));
        Path = _dir["large.svm"];
        using var f = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        while (f.Length < Bytes) f.Write(heart);
        Rows = f.Length / heart.Length * 270;
    }

    /// <summary>The size aimed at: more than twice the heap limit the tests set, as text alone.</summary>
    public const long Bytes = 200L << 20;

    public string Path { get; }

    public long Rows { get; }

    public string Scratch(string name) => _dir[name];

    public void Dispose() => _dir.Dispose();
}

/// <summary>
/// Bounded memory and interruption, on a 200 MB svmlight file in a child process. With the GC heap capped at 64 MiB
/// (<c>DOTNET_GCHeapHardLimit</c>) <c>convert</c> succeeds, while reading the same file whole (<c>inspect</c>, which
/// builds the CSR matrix: 25.6 million entries, about 310 MB of indices and values, nearly five times the cap) runs out
/// of memory — so the converter cannot be holding the input. The child sees two processors
/// (<c>DOTNET_PROCESSOR_COUNT</c>), as the parse buffers in flight grow with the parsing threads (about 7 MB each), so
/// the test means the same on any machine. A conversion killed half-way leaves shard files and no manifest: not a
/// dataset, and <c>inspect</c> says so.
/// </summary>
public sealed class ConvertMemoryTests(LargeSvmlightFile large) : IClassFixture<LargeSvmlightFile>
{
    private static readonly (string, string?)[] HeapLimit = [("DOTNET_GCHeapHardLimit", "0x4000000"), ("DOTNET_PROCESSOR_COUNT", "2")];

    [Fact]
    public void ConvertsAFileLargerThanTheHeapLimitWhichTheReaderCannotLoad()
    {
        string dir = large.Scratch("shards");
        var r = CliProcess.Run(["convert", large.Path, "--out", dir, "--shard-size", "4"], HeapLimit, timeout: TimeSpan.FromSeconds(60));
        Assert.True(r.Code == 0, $"exit {r.Code}: {r.Err}");
        var m = ShardManifest.Read(dir);
        Assert.Equal(large.Rows, m.Rows);
        Assert.Equal(13, m.Columns);
        Assert.True(m.Shards.Count > 40, $"{m.Shards.Count} shards");
        Assert.Contains($"rows: {large.Rows}", r.Out, StringComparison.Ordinal);

        var whole = CliProcess.Run(["inspect", large.Path], HeapLimit, timeout: TimeSpan.FromSeconds(60));
        Assert.NotEqual(0, whole.Code);
        Assert.Contains("OutOfMemory", whole.Err, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public void AKilledConversionLeavesNoDataset()
    {
        string dir = large.Scratch("killed");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { CliProcess.CliPath, "convert", large.Path, "--out", dir, "--shard-size", "4" }) psi.ArgumentList.Add(a);
        using (var p = Process.Start(psi)!)
        {
            var clock = Stopwatch.StartNew();
            while (!File.Exists(Path.Combine(dir, "shard-00002.bin")) && !p.HasExited && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(5);
            Assert.False(p.HasExited, "the conversion ended before it could be killed");
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        Assert.NotEmpty(Directory.GetFiles(dir, "shard-*.bin"));
        Assert.False(File.Exists(Path.Combine(dir, "manifest.json")));
        string error = ConvertCommandTests.BadInput(CliProcess.Run("inspect", dir));
        Assert.Contains("not a shard dataset", error, StringComparison.Ordinal);
        Assert.Contains("not empty", ConvertCommandTests.BadInput(CliProcess.Run("convert", large.Path, "--out", dir)), StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }
}
