using System.Runtime.InteropServices;
using System.Text;

namespace OptSuite.LinearAlgebra.Mkl;

/// <summary>
/// The few C library calls that loading MKL (and MPI, for setenv) needs and .NET does not offer: dlopen with RTLD_GLOBAL
/// or RTLD_NOLOAD (<see cref="NativeLibrary"/> always uses RTLD_LOCAL) and the C environment that native code reads with
/// getenv (.NET keeps its own copy: <see cref="Environment.SetEnvironmentVariable(string, string)"/> never reaches it).
/// </summary>
internal readonly unsafe struct Libc
{
    private const int RtldNow = 0x002, RtldNoLoad = 0x004, RtldGlobal = 0x100;

    private readonly IntPtr _dlopen, _dlerror, _getenv, _setenv, _unsetenv;

    private Libc(IntPtr dlopen, IntPtr dlerror, IntPtr getenv, IntPtr setenv, IntPtr unsetenv)
    {
        _dlopen = dlopen;
        _dlerror = dlerror;
        _getenv = getenv;
        _setenv = setenv;
        _unsetenv = unsetenv;
    }

    /// <summary>Finds the entry points in libc.so.6 (dlopen and dlerror in libdl.so.2 before glibc 2.34).</summary>
    public static bool TryOpen(out Libc libc, out string error)
    {
        libc = default;
        error = "";
        if (!NativeLibrary.TryLoad("libc.so.6", out IntPtr c)
            || !NativeLibrary.TryGetExport(c, "getenv", out IntPtr getenv)
            || !NativeLibrary.TryGetExport(c, "setenv", out IntPtr setenv)
            || !NativeLibrary.TryGetExport(c, "unsetenv", out IntPtr unsetenv))
        {
            error = "getenv/setenv not found in libc.so.6";
            return false;
        }
        IntPtr dl = c;
        if (!NativeLibrary.TryGetExport(dl, "dlopen", out IntPtr dlopen) || !NativeLibrary.TryGetExport(dl, "dlerror", out IntPtr dlerror))
        {
            if (!NativeLibrary.TryLoad("libdl.so.2", out dl) || !NativeLibrary.TryGetExport(dl, "dlopen", out dlopen)
                || !NativeLibrary.TryGetExport(dl, "dlerror", out dlerror))
            {
                error = "dlopen not found in libc.so.6 or libdl.so.2";
                return false;
            }
        }
        libc = new Libc(dlopen, dlerror, getenv, setenv, unsetenv);
        return true;
    }

    /// <summary>Whether <paramref name="library"/> is already in the process (dlopen with RTLD_NOLOAD).</summary>
    public bool IsLoaded(string library) => Open(library, RtldNow | RtldNoLoad) != IntPtr.Zero;

    /// <summary>dlopen(name, RTLD_NOW | RTLD_GLOBAL), so later-loaded MKL threading libraries can bind its symbols.</summary>
    public bool TryLoadGlobal(string library, out string error)
    {
        error = "";
        if (Open(library, RtldNow | RtldGlobal) != IntPtr.Zero) return true;
        error = Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr>)_dlerror)()) ?? "dlopen failed";
        return false;
    }

    /// <summary>getenv: the C environment's value, or null.</summary>
    public string? GetEnvironment(string name)
    {
        fixed (byte* n = Utf8(name)) return Marshal.PtrToStringUTF8(((delegate* unmanaged<byte*, IntPtr>)_getenv)(n));
    }

    /// <summary>setenv(name, value, 1).</summary>
    public void SetEnvironment(string name, string value)
    {
        fixed (byte* n = Utf8(name), v = Utf8(value)) ((delegate* unmanaged<byte*, byte*, int, int>)_setenv)(n, v, 1);
    }

    /// <summary>unsetenv(name).</summary>
    public void UnsetEnvironment(string name)
    {
        fixed (byte* n = Utf8(name)) ((delegate* unmanaged<byte*, int>)_unsetenv)(n);
    }

    private IntPtr Open(string library, int flags)
    {
        fixed (byte* p = Utf8(library)) return ((delegate* unmanaged<byte*, int, IntPtr>)_dlopen)(p, flags);
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");
}
