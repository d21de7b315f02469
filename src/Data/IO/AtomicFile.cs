using System.Security.Cryptography;

namespace OptSuite.Data.IO;

/// <summary>
/// Writes a user-named output file without ever destroying what was there by accident: a regular file (or a missing
/// one) is replaced atomically, a character device or named pipe is written through, anything else is refused.
/// </summary>
/// <remarks>
/// <para>A symbolic link is followed and its final target replaced, so the link stays a link. A regular file is written
/// to a temporary file in the target's directory, flushed to disk, given the old file's permissions and renamed over
/// the target (rename(2) is atomic within a directory), so readers see the old or the new file, never a mix. The
/// temporary file is named <c>.NAME.optsuite-XXXXXXXX.tmp</c> and deleted on every failure path; only a process killed
/// outright (SIGKILL, power loss) can leave one behind, and the name says what it is.</para>
/// <para><c>/dev/null</c>, a terminal or a FIFO is opened and written like shell redirection would; renaming over it
/// would replace the device (as root) with a regular file. Directories, block devices and sockets are refused.</para>
/// </remarks>
internal static class AtomicFile
{
    private const string TempMarker = ".optsuite-";

    /// <summary>Writes <paramref name="path"/> with what <paramref name="write"/> puts into the stream it is given.</summary>
    /// <exception cref="IOException">The path names a directory, block device or socket, or the write failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory or an existing file is not writable.</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var target = Resolve(path);
        if (target.Kind is FileKind.CharacterDevice or FileKind.Fifo)
        {
            using var through = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1 << 16);
            write(through);
            through.Flush();
            return;
        }
        RequireWritable(path, target);
        string temp = TempPath(target.FinalPath);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (target.Kind == FileKind.Regular && !OperatingSystem.IsWindows())
                File.SetUnixFileMode(temp, File.GetUnixFileMode(target.FinalPath));
            File.Move(temp, target.FinalPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> as <see cref="Write(string, Action{Stream})"/> does.</summary>
    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> bytes) => Write(path, s => s.Write(bytes.Span));

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark.</summary>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// Checks, without changing anything, that <see cref="Write"/> could write <paramref name="path"/>: it names no
    /// directory, block device or socket, its directory exists and takes a new file, and an existing file is writable.
    /// Call it before long work whose result would otherwise be lost. Devices and pipes are not opened here.
    /// </summary>
    public static void CheckWritable(string path)
    {
        var target = Resolve(path);
        if (target.Kind is FileKind.CharacterDevice or FileKind.Fifo) return;
        RequireWritable(path, target);
        string probe = TempPath(target.FinalPath);
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
        }
        catch (IOException e)
        {
            // The system's message names the probe, a file the caller never asked for.
            throw new IOException($"No file can be created in the directory of {path}.", e);
        }
        finally
        {
            if (File.Exists(probe)) File.Delete(probe);
        }
    }

    /// <summary>Whether <paramref name="fileName"/> is one of the temporary files this type writes.</summary>
    public static bool IsTemporaryName(string fileName) =>
        fileName.StartsWith('.') && fileName.EndsWith(".tmp", StringComparison.Ordinal) && fileName.Contains(TempMarker, StringComparison.Ordinal);

    private static FileStatus Resolve(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var target = FileStatus.Of(path);
        string? what = target.Kind switch
        {
            FileKind.Directory => "is a directory",
            FileKind.BlockDevice => "is a block device",
            FileKind.Socket => "is a socket",
            _ => null,
        };
        if (what is not null) throw new IOException($"{path} {what}; give the name of a file to write.");
        return target;
    }

    private static void RequireWritable(string path, FileStatus target)
    {
        string dir = Path.GetDirectoryName(target.FinalPath)!;
        if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"The directory of {path} does not exist.");
        // Renaming over a read-only file would succeed; a file the user made read-only is not silently replaced.
        if (target.Kind == FileKind.Regular) new FileStream(target.FinalPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite).Dispose();
    }

    /// <summary><c>.NAME.optsuite-XXXXXXXX.tmp</c> beside <paramref name="finalPath"/>, the name cut to stay within NAME_MAX.</summary>
    private static string TempPath(string finalPath)
    {
        string name = Path.GetFileName(finalPath);
        if (name.Length > 200) name = name[..200];
        return Path.Combine(Path.GetDirectoryName(finalPath)!, $".{name}{TempMarker}{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp");
    }
}
