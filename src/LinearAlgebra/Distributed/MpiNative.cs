using System.Runtime.InteropServices;

namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// P/Invoke declarations for the part of MPICH's C API that <see cref="MpiCommunicator"/> uses, bound to
/// <c>libmpich.so.12</c> (Debian's libmpich12: the MPICH ABI of MPICH ≥ 3.1, which Intel MPI and MVAPICH implement too,
/// under other file names).
/// Every argument is blittable (int, pointers), so the source generator emits direct calls with no marshalling.
/// </summary>
/// <remarks>
/// MPICH's handles are plain ints with the kind and the size of a type encoded in their bits. The values below are
/// copied from <c>/usr/include/x86_64-linux-gnu/mpich/mpi.h</c> of Debian's libmpich-dev 4.0.2-3 (line numbers of that
/// file in brackets); the prototypes are those of <c>mpi_proto.h</c> next to it. A wrong handle would not fail to
/// compile: it would sum the wrong type or fail at run time, so tests/OptSuite.Tests/LinearAlgebra/Distributed checks
/// sums, maxima and broadcasts of known values on 1–4 real ranks.
/// </remarks>
internal static unsafe partial class MpiNative
{
    /// <summary>The MPICH ABI's shared library (soname), as Debian installs it.</summary>
    public const string Library = "libmpich.so.12";

    public const int Success = 0;                     // MPI_SUCCESS [818]
    public const int CommWorld = 0x44000000;          // MPI_COMM_WORLD [279]
    public const int CommNull = 0x04000000;           // MPI_COMM_NULL [89]
    public const int Double = 0x4c00080b;             // MPI_DOUBLE [117]: 8 bytes
    public const int Int64 = 0x4c00083a;              // MPI_INT64_T [226]: 8 bytes
    public const int Byte = 0x4c00010d;               // MPI_BYTE [108]: 1 byte
    public const int OpMax = 0x58000001;              // MPI_MAX [305]
    public const int OpSum = 0x58000003;              // MPI_SUM [307]
    public const int ErrorsReturn = 0x54000001;       // MPI_ERRORS_RETURN [423]
    public const int ThreadFunneled = 1;              // MPI_THREAD_FUNNELED [806]
    public const int ThreadSerialized = 2;            // MPI_THREAD_SERIALIZED [807]
    public const int MaxErrorString = 512;            // MPI_MAX_ERROR_STRING [356]
    public const int MaxLibraryVersionString = 8192;  // MPI_MAX_LIBRARY_VERSION_STRING [355]

    /// <summary>MPI_IN_PLACE [542]: <c>(void *) -1</c>.</summary>
    public static void* InPlace => (void*)-1;

    [LibraryImport(Library, EntryPoint = "MPI_Init_thread")]
    public static partial int InitThread(int* argc, byte*** argv, int required, int* provided);

    [LibraryImport(Library, EntryPoint = "MPI_Initialized")]
    public static partial int Initialized(int* flag);

    [LibraryImport(Library, EntryPoint = "MPI_Finalized")]
    public static partial int Finalized(int* flag);

    [LibraryImport(Library, EntryPoint = "MPI_Finalize")]
    public static partial int Finalize();

    [LibraryImport(Library, EntryPoint = "MPI_Abort")]
    public static partial int Abort(int comm, int errorCode);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_rank")]
    public static partial int CommRank(int comm, int* rank);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_size")]
    public static partial int CommSize(int comm, int* size);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_split")]
    public static partial int CommSplit(int comm, int color, int key, int* newComm);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_free")]
    public static partial int CommFree(int* comm);

    [LibraryImport(Library, EntryPoint = "MPI_Comm_set_errhandler")]
    public static partial int CommSetErrhandler(int comm, int errhandler);

    [LibraryImport(Library, EntryPoint = "MPI_Allreduce")]
    public static partial int Allreduce(void* sendBuffer, void* receiveBuffer, int count, int datatype, int op, int comm);

    [LibraryImport(Library, EntryPoint = "MPI_Reduce")]
    public static partial int Reduce(void* sendBuffer, void* receiveBuffer, int count, int datatype, int op, int root, int comm);

    [LibraryImport(Library, EntryPoint = "MPI_Bcast")]
    public static partial int Bcast(void* buffer, int count, int datatype, int root, int comm);

    [LibraryImport(Library, EntryPoint = "MPI_Barrier")]
    public static partial int Barrier(int comm);

    [LibraryImport(Library, EntryPoint = "MPI_Error_string")]
    public static partial int ErrorString(int errorCode, byte* text, int* length);

    [LibraryImport(Library, EntryPoint = "MPI_Get_library_version")]
    public static partial int GetLibraryVersion(byte* text, int* length);
}
