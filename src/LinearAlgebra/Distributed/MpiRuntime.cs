using System.Runtime.InteropServices;
using System.Text;
using OptSuite.LinearAlgebra.Mkl;

namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// MPI's process-wide life cycle: load libmpich.so.12, MPI_Init_thread once, MPI_Finalize at a clean exit.
/// </summary>
/// <remarks>
/// <para><b>UCX's signal handlers.</b> Debian's MPICH runs over UCX, whose libucs installs handlers for SIGSEGV, SIGBUS
/// and others in its library constructor, i.e. when libmpich.so.12 is loaded. .NET turns a SIGSEGV at a null
/// dereference into a <see cref="NullReferenceException"/>; with UCX's handler in the way the process dies with a UCX
/// backtrace instead. UCX reads <c>UCX_ERROR_SIGNALS</c> with getenv, so it is set to "" with libc setenv before the
/// library is loaded (.NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> only changes .NET's own
/// copy of the environment). Launch commands pass <c>-genv UCX_ERROR_SIGNALS ""</c> as well, for the MPI processes of
/// programs that load MPICH some other way.</para>
/// <para><b>Exit.</b> A process that calls MPI_Init must call MPI_Finalize before a clean exit, and MPI_Finalize
/// synchronises with the other ranks. So it runs at process exit only when the exit code is 0. A rank that exits with
/// another code (or dies of a signal, or of an unhandled exception) skips it: mpiexec.hydra sees a rank end without
/// MPI_Finalize and kills the others ("BAD TERMINATION"), instead of the failing rank waiting forever in MPI_Finalize for
/// ranks that wait forever in a collective for it.</para>
/// </remarks>
internal static unsafe class MpiRuntime
{
    private static readonly Lock s_lock = new();
    private static bool s_initialized, s_ownsInitialization, s_finalized;
    private static string s_version = "";

    /// <summary>MPI_Get_library_version, once initialised.</summary>
    public static string Version
    {
        get { EnsureInitialized(); return s_version; }
    }

    /// <summary>Whether MPI_Finalize has run (communicators are then unusable and need no freeing).</summary>
    public static bool IsFinalized
    {
        get { lock (s_lock) return s_finalized; }
    }

    /// <summary>Loads MPICH and initialises MPI once per process (MPI_THREAD_SERIALIZED requested).</summary>
    public static void EnsureInitialized()
    {
        lock (s_lock)
        {
            if (s_finalized) throw new InvalidOperationException("MPI has been finalised (the process is exiting): no communicator can be used");
            if (s_initialized) return;
            if (!OperatingSystem.IsLinux())
                throw new PlatformNotSupportedException($"the MPI binding loads {MpiNative.Library} (MPICH on Linux); this is {RuntimeInformation.OSDescription}");

            // Before the load: libucs reads it in its constructor.
            if (Libc.TryOpen(out Libc libc, out _)) libc.SetEnvironment("UCX_ERROR_SIGNALS", "");
            Load(MpiNative.Library);

            int flag;
            Check(MpiNative.Initialized(&flag), "MPI_Initialized");
            if (flag == 0)
            {
                int provided;
                Check(MpiNative.InitThread(null, null, MpiNative.ThreadSerialized, &provided), "MPI_Init_thread");
                s_ownsInitialization = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => FinalizeAtExit();
                if (provided < MpiNative.ThreadFunneled)
                    throw new InvalidOperationException($"MPI_Init_thread provided thread level {provided}; OptSuite needs at least MPI_THREAD_FUNNELED (1)");
            }
            // Errors come back as codes, so an invalid call is an MpiException here rather than an abort of the job.
            Check(MpiNative.CommSetErrhandler(MpiNative.CommWorld, MpiNative.ErrorsReturn), "MPI_Comm_set_errhandler");
            s_version = ReadVersion();
            s_initialized = true;
        }
    }

    /// <summary>dlopen of <paramref name="library"/>; if it fails, an exception naming it and how to install MPICH.</summary>
    internal static void Load(string library)
    {
        try
        {
            NativeLibrary.Load(library);
        }
        catch (DllNotFoundException e)
        {
            throw new DllNotFoundException(
                $"{library} (MPICH) could not be loaded: {e.Message} — install it with `{MpiCommunicator.InstallCommand}` " +
                "and launch the program with `mpiexec.hydra -n K ...`", e);
        }
    }

    /// <summary>Throws an <see cref="MpiException"/> with MPI's text when <paramref name="code"/> is not MPI_SUCCESS.</summary>
    public static void Check(int code, string call)
    {
        if (code != MpiNative.Success) throw new MpiException(call, code, ErrorString(code));
    }

    private static void FinalizeAtExit()
    {
        lock (s_lock)
        {
            if (!s_ownsInitialization || s_finalized) return;
            // A failing rank leaves the job to mpiexec.hydra (see remarks): MPI_Finalize would wait for the others.
            if (Environment.ExitCode != 0) return;
            int flag;
            if (MpiNative.Finalized(&flag) == MpiNative.Success && flag == 0) MpiNative.Finalize();
            s_finalized = true;
        }
    }

    private static string ErrorString(int code)
    {
        byte* text = stackalloc byte[MpiNative.MaxErrorString];
        int length = 0;
        if (MpiNative.ErrorString(code, text, &length) != MpiNative.Success) return "(no text for this code)";
        return Encoding.UTF8.GetString(text, Math.Clamp(length, 0, MpiNative.MaxErrorString)).Trim();
    }

    private static string ReadVersion()
    {
        var text = new byte[MpiNative.MaxLibraryVersionString];
        int length = 0;
        fixed (byte* p = text)
            if (MpiNative.GetLibraryVersion(p, &length) != MpiNative.Success) return "";
        string version = Encoding.UTF8.GetString(text, 0, Math.Clamp(length, 0, text.Length));
        int end = version.IndexOfAny(['\n', '\0']);
        return (end >= 0 ? version[..end] : version).Trim();
    }
}
