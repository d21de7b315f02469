using System.Runtime.InteropServices;

namespace OptSuite.Data.IO;

/// <summary>What a path names, as far as writing to it is concerned.</summary>
internal enum FileKind
{
    /// <summary>Nothing exists there.</summary>
    Missing,
    /// <summary>A regular file.</summary>
    Regular,
    /// <summary>A directory.</summary>
    Directory,
    /// <summary>A character device (<c>/dev/null</c>, a terminal).</summary>
    CharacterDevice,
    /// <summary>A block device (a disk).</summary>
    BlockDevice,
    /// <summary>A named pipe.</summary>
    Fifo,
    /// <summary>A Unix socket.</summary>
    Socket,
}

/// <summary>
/// The kind and identity (device and inode) of the file a path names, symbolic links followed: <c>stat(2)</c>, and
/// <see cref="FinalPath"/>, the full path a chain of links ends at (where a replacement must be renamed to). Two
/// paths name the same file when their identities agree, which holds for hard links and symbolic links alike.
/// </summary>
/// <remarks>
/// On Linux this is <c>statx(2)</c>, whose result layout is the same on every architecture (struct stat is not).
/// Elsewhere, or where statx is unavailable (an old kernel or a seccomp filter), only regular files and directories are
/// told apart and the identity is the full path with links resolved, so hard links are not recognised there.
/// </remarks>
internal readonly partial record struct FileStatus(FileKind Kind, ulong Device, ulong Inode, string FinalPath)
{
    private const int AtFdCwd = -100, StatxType = 0x1, StatxIno = 0x100, ENoEnt = 2, ENotDir = 20, ENoSys = 38, EPerm = 1;
    private static bool _noStatx;

    /// <summary>Whether the kernel's identity is known (otherwise <see cref="FinalPath"/> stands in for it).</summary>
    public bool HasIdentity => Device != 0 || Inode != 0;

    /// <summary>The status of <paramref name="path"/> after following symbolic links.</summary>
    /// <exception cref="IOException">A link loop, a name too long, or a path that cannot be examined.</exception>
    public static FileStatus Of(string path)
    {
        string full = Path.GetFullPath(path);
        string final = ResolveLinks(full);
        // The kernel follows the links itself: /dev/stdout → /proc/self/fd/1 → "pipe:[…]" names no path, yet is a FIFO.
        if (OperatingSystem.IsLinux() && !_noStatx && TryStatx(full, out var kind, out ulong device, out ulong inode))
            return new FileStatus(kind, device, inode, final);
        FileKind fallback = Directory.Exists(final) ? FileKind.Directory : File.Exists(final) ? FileKind.Regular : FileKind.Missing;
        return new FileStatus(fallback, 0, 0, final);
    }

    /// <summary>Whether both exist and are the same file (hard links included).</summary>
    public bool IsSameFileAs(FileStatus other) => Kind != FileKind.Missing && other.Kind != FileKind.Missing
        && (HasIdentity && other.HasIdentity
            ? Device == other.Device && Inode == other.Inode
            : string.Equals(FinalPath, other.FinalPath, OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
                ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));

    /// <summary>The path a chain of symbolic links ends at (the path itself when it is not a link; a dangling link's target).</summary>
    private static string ResolveLinks(string full)
    {
        var info = new FileInfo(full);
        if (info.LinkTarget is null) return full;
        var target = File.ResolveLinkTarget(full, returnFinalTarget: true);
        return target is null ? full : Path.GetFullPath(target.FullName);
    }

    private static unsafe bool TryStatx(string path, out FileKind kind, out ulong device, out ulong inode)
    {
        // struct statx: stx_mode (u16) at 28, stx_ino at 32, stx_dev_major/minor (u32) at 136/140; 256 bytes in all.
        byte* buffer = stackalloc byte[256];
        int rc;
        try
        {
            rc = Statx(AtFdCwd, path, 0, StatxType | StatxIno, buffer);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _noStatx = true;
            (kind, device, inode) = (FileKind.Missing, 0, 0);
            return false;
        }
        if (rc != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            (device, inode) = (0, 0);
            kind = FileKind.Missing;
            if (errno is ENoEnt or ENotDir) return true;
            if (errno is ENoSys or EPerm)
            {
                _noStatx = true;
                return false;
            }
            throw new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}.");
        }
        ushort mode = *(ushort*)(buffer + 28);
        inode = *(ulong*)(buffer + 32);
        device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            _ => FileKind.Socket,
        };
        return true;
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int directoryFd, string path, int flags, int mask, byte* buffer);
}
