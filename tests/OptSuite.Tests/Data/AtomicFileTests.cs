using System.Diagnostics;
using System.Text.RegularExpressions;
using OptSuite.Data;
using OptSuite.Data.IO;
using OptSuite.Models;
using OptSuite.Models.Persistence;

namespace OptSuite.Tests.Data;

/// <summary>
/// The save mechanism every writer of a user-named file uses (<see cref="AtomicFile"/>, through
/// <see cref="LinearEstimator.Save(string)"/> here): a FIFO or device is written through and stays what it was, a symbolic
/// link stays a link with its target replaced, permissions survive, temporary files are unmistakable and never left.
/// </summary>
public class AtomicFileTests
{
    private static readonly Regex TempName = new(@"^\.model\.json\.optsuite-[0-9a-f]{8}\.tmp$");

    private static LinearEstimator Model()
    {
        var heart = SvmlightReader.Read(DatasetLocator.Find("binary/heart_scale"));
        return new Ridge().Fit(heart.Features, heart.Labels);
    }

    private static string TempDirectory()
    {
        string dir = Path.Combine(Path.GetTempPath(), "optsuite-atomic-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    internal static void MakeFifo(string path)
    {
        using var p = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>Reads <paramref name="path"/> (a FIFO) on a background thread; the function waits for the bytes.</summary>
    internal static Func<byte[]> ReadInBackground(string path)
    {
        byte[]? bytes = null;
        var thread = new Thread(() => bytes = File.ReadAllBytes(path)) { IsBackground = true };
        thread.Start();
        return () =>
        {
            Assert.True(thread.Join(TimeSpan.FromSeconds(30)), $"nothing arrived through {path}");
            return bytes!;
        };
    }

    [Fact]
    public void AFifoIsWrittenThroughAndStaysAFifo()
    {
        if (!OperatingSystem.IsLinux()) return;   // FIFOs and statx: Linux
        string dir = TempDirectory();
        try
        {
            string fifo = Path.Combine(dir, "model.json");
            MakeFifo(fifo);
            var received = ReadInBackground(fifo);
            var model = Model();
            model.Save(fifo);
            var loaded = LinearEstimator.Load(new MemoryStream(received()));
            Assert.Equal(model.Coefficients, loaded.Coefficients);
            Assert.Equal(FileKind.Fifo, FileStatus.Of(fifo).Kind);
            Assert.Equal(["model.json"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ASymbolicLinkStaysALinkAndItsTargetIsReplaced()
    {
        string dir = TempDirectory();
        try
        {
            string target = Path.Combine(dir, "real.json"), link = Path.Combine(dir, "model.json");
            File.WriteAllText(target, "old");
            File.CreateSymbolicLink(link, "real.json");   // relative, as users make them
            var model = Model();
            model.Save(link);
            Assert.Equal("real.json", new FileInfo(link).LinkTarget);
            Assert.Equal(model.Coefficients, LinearEstimator.Load(target).Coefficients);
            Assert.Equal(2, Directory.GetFileSystemEntries(dir).Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ReplacingAFileKeepsItsPermissions()
    {
        if (OperatingSystem.IsWindows()) return;
        string dir = TempDirectory();
        try
        {
            string path = Path.Combine(dir, "model.json");
            File.WriteAllText(path, "old");
            var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            File.SetUnixFileMode(path, mode);
            Model().Save(path);
            Assert.Equal(mode, File.GetUnixFileMode(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheTemporaryFileIsNamedUnmistakablyAndRemovedWhenTheWriteFails()
    {
        string dir = TempDirectory();
        try
        {
            string path = Path.Combine(dir, "model.json");
            File.WriteAllText(path, "old");
            var seen = new List<string>();
            var e = Assert.Throws<IOException>(() => ModelFile.Save(Model(), path, stream =>
            {
                seen.AddRange(Directory.GetFileSystemEntries(dir).Select(f => Path.GetFileName(f)!).Where(f => f != "model.json"));
                throw new IOException("No space left on device");
            }));
            Assert.Equal("No space left on device", e.Message);
            string temp = Assert.Single(seen);
            Assert.Matches(TempName, temp);
            Assert.True(AtomicFile.IsTemporaryName(temp));
            Assert.Equal(["model.json"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
            Assert.Equal("old", File.ReadAllText(path));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void ADirectoryIsRefusedWithoutTouchingIt()
    {
        string dir = TempDirectory();
        try
        {
            string target = Path.Combine(dir, "out");
            Directory.CreateDirectory(target);
            var e = Assert.Throws<IOException>(() => Model().Save(target));
            Assert.Contains("is a directory", e.Message);
            Assert.True(Directory.Exists(target));
            Assert.Equal([target], Directory.GetFileSystemEntries(dir));
            Assert.Throws<IOException>(() => AtomicFile.CheckWritable(target));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void CheckWritableLeavesNothingBehindAndRejectsAMissingDirectory()
    {
        string dir = TempDirectory();
        try
        {
            AtomicFile.CheckWritable(Path.Combine(dir, "model.json"));
            Assert.Empty(Directory.GetFileSystemEntries(dir));
            Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.CheckWritable(Path.Combine(dir, "no", "model.json")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void HardAndSymbolicLinksAreTheSameFileAndCopiesAreNot()
    {
        if (!OperatingSystem.IsLinux()) return;
        string dir = TempDirectory();
        try
        {
            string a = Path.Combine(dir, "a.svm"), hard = Path.Combine(dir, "hard.svm"), soft = Path.Combine(dir, "soft.svm"), copy = Path.Combine(dir, "copy.svm");
            File.WriteAllText(a, "1 1:1\n");
            File.Copy(a, copy);
            using (var ln = Process.Start(new ProcessStartInfo("ln", [a, hard]) { UseShellExecute = false })!) ln.WaitForExit();
            File.CreateSymbolicLink(soft, a);
            var status = FileStatus.Of(a);
            Assert.True(status.HasIdentity);
            Assert.True(status.IsSameFileAs(FileStatus.Of(hard)));
            Assert.True(status.IsSameFileAs(FileStatus.Of(soft)));
            Assert.False(status.IsSameFileAs(FileStatus.Of(copy)));
            Assert.False(status.IsSameFileAs(FileStatus.Of(Path.Combine(dir, "missing"))));
            Assert.Equal(FileKind.CharacterDevice, FileStatus.Of("/dev/null").Kind);
            Assert.Equal(FileKind.Directory, FileStatus.Of(dir).Kind);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
