namespace OptSuite.LinearAlgebra.Distributed;

/// <summary>
/// A communicator over MPI, through MPICH's <c>libmpich.so.12</c>: <see cref="World"/> is every process of the job
/// started by <c>mpiexec.hydra -n K -genv UCX_ERROR_SIGNALS "" dotnet app.dll ...</c> (docs/distributed.md).
/// </summary>
/// <remarks>
/// <para>A sum of doubles is MPI_Reduce to rank 0 followed by MPI_Bcast from rank 0, not MPI_Allreduce: every rank then
/// holds rank 0's bits by construction, whatever algorithm MPI picks. MPICH's reduction trees are fixed by the number
/// of ranks and the length — they do not depend on timing — so a run repeats bit for bit (the MPI standard advises
/// implementors of MPI_REDUCE to give the same result whenever applied to the same arguments in the same order). Maxima
/// (through <see cref="TotalOrderKeys"/>) and integer sums are exact, so they use MPI_Allreduce.</para>
/// <para>Errors are returned as codes (MPI_ERRORS_RETURN) and thrown as <see cref="MpiException"/>. A rank that dies
/// or exits with a non-zero code ends the whole job through mpiexec.hydra; a rank that hangs does not, so launchers set
/// a limit (<c>MPIEXEC_TIMEOUT</c>, in seconds) where a hang is possible.</para>
/// <para>MPI is initialised with MPI_THREAD_SERIALIZED: any thread may call, one at a time.</para>
/// </remarks>
public sealed unsafe class MpiCommunicator : ICommunicator
{
    /// <summary>The library this binding loads.</summary>
    public const string LibraryName = MpiNative.Library;

    /// <summary>The Debian command that installs MPICH (the library and mpiexec.hydra).</summary>
    public const string InstallCommand = "apt-get install -y --no-install-recommends mpich";

    private static readonly Lazy<MpiCommunicator> s_world = new(() =>
    {
        MpiRuntime.EnsureInitialized();
        var world = new MpiCommunicator(MpiNative.CommWorld, owned: false);
        if (LauncherMismatch(world.Size, Environment.GetEnvironmentVariable) is { } why) throw new InvalidOperationException(why);
        return world;
    });

    /// <summary>
    /// Why a world of <paramref name="size"/> ranks does not match the launcher that started the process, or null: a
    /// launcher that is not MPICH's (Open MPI's <c>mpiexec</c>, which the <c>mpiexec</c> alternative may name) starts K
    /// processes that each initialise MPICH as a singleton world of one, so K full single-process runs would each write
    /// the output. The launcher's own variables give it away: <c>OMPI_COMM_WORLD_SIZE</c> (Open MPI), <c>PMI_SIZE</c>
    /// (a PMI launcher such as mpiexec.hydra) larger than the world.
    /// </summary>
    /// <param name="size">The world's size.</param>
    /// <param name="variable">Reads an environment variable.</param>
    internal static string? LauncherMismatch(int size, Func<string, string?> variable)
    {
        if (size != 1) return null;
        foreach (var (name, launcher) in new[] { ("OMPI_COMM_WORLD_SIZE", "Open MPI's mpiexec/mpirun"), ("PMI_SIZE", "a PMI launcher") })
            if (int.TryParse(variable(name), out int k) && k > 1)
                return $"This process was started as one of {k} by {launcher} ({name}={k}), but MPICH's MPI_COMM_WORLD has one rank: the " +
                    "launcher does not belong to MPICH, so every process would run alone. Launch with MPICH's mpiexec.hydra " +
                    "(mpiexec.hydra -n K -genv UCX_ERROR_SIGNALS \"\" dotnet ...); docs/distributed.md.";
        return null;
    }

    private int _handle;
    private readonly bool _owned;

    private MpiCommunicator(int handle, bool owned)
    {
        _handle = handle;
        _owned = owned;
        int rank, size;
        MpiRuntime.Check(MpiNative.CommRank(handle, &rank), "MPI_Comm_rank");
        MpiRuntime.Check(MpiNative.CommSize(handle, &size), "MPI_Comm_size");
        Rank = rank;
        Size = size;
    }

    /// <summary>
    /// MPI_COMM_WORLD. The first use loads libmpich.so.12 (a <see cref="DllNotFoundException"/> naming it and the
    /// apt-get command if it cannot) and initialises MPI; MPI_Finalize runs when the process exits with code 0.
    /// Without mpiexec.hydra the process is a world of one (an MPI singleton).
    /// </summary>
    public static MpiCommunicator World => s_world.Value;

    /// <summary>MPI_Get_library_version's first line, e.g. "MPICH Version: 4.0.2".</summary>
    public static string LibraryVersion => MpiRuntime.Version;

    /// <inheritdoc />
    public int Rank { get; }

    /// <inheritdoc />
    public int Size { get; }

    /// <inheritdoc />
    public void AllReduceSum(Span<double> values)
    {
        if (values.IsEmpty) { CheckOpen(); return; }
        fixed (double* p = values)
        {
            int comm = Handle;
            int code = Rank == 0
                ? MpiNative.Reduce(MpiNative.InPlace, p, values.Length, MpiNative.Double, MpiNative.OpSum, 0, comm)
                : MpiNative.Reduce(p, null, values.Length, MpiNative.Double, MpiNative.OpSum, 0, comm);
            MpiRuntime.Check(code, "MPI_Reduce");
            MpiRuntime.Check(MpiNative.Bcast(p, values.Length, MpiNative.Double, 0, comm), "MPI_Bcast");
        }
    }

    /// <inheritdoc />
    public void AllReduceMax(Span<double> values)
    {
        if (values.IsEmpty) { CheckOpen(); return; }
        Span<long> keys = TotalOrderKeys.ToKeys(values);
        try
        {
            fixed (long* p = keys)
                MpiRuntime.Check(MpiNative.Allreduce(MpiNative.InPlace, p, keys.Length, MpiNative.Int64, MpiNative.OpMax, Handle), "MPI_Allreduce");
        }
        finally
        {
            TotalOrderKeys.FromKeys(keys);   // the caller's values, even if MPI failed
        }
    }

    /// <inheritdoc />
    public void AllReduceSum(Span<long> values)
    {
        if (values.IsEmpty) { CheckOpen(); return; }
        fixed (long* p = values)
            MpiRuntime.Check(MpiNative.Allreduce(MpiNative.InPlace, p, values.Length, MpiNative.Int64, MpiNative.OpSum, Handle), "MPI_Allreduce");
    }

    /// <inheritdoc />
    public void Broadcast(Span<double> values, int root)
    {
        CheckRoot(root);
        if (values.IsEmpty) { CheckOpen(); return; }
        fixed (double* p = values)
            MpiRuntime.Check(MpiNative.Bcast(p, values.Length, MpiNative.Double, root, Handle), "MPI_Bcast");
    }

    /// <inheritdoc />
    public void Broadcast(Span<byte> values, int root)
    {
        CheckRoot(root);
        if (values.IsEmpty) { CheckOpen(); return; }
        fixed (byte* p = values)
            MpiRuntime.Check(MpiNative.Bcast(p, values.Length, MpiNative.Byte, root, Handle), "MPI_Bcast");
    }

    /// <inheritdoc />
    public void Barrier() => MpiRuntime.Check(MpiNative.Barrier(Handle), "MPI_Barrier");

    /// <inheritdoc />
    public ICommunicator Split(int color, int key)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(color);
        int created;
        MpiRuntime.Check(MpiNative.CommSplit(Handle, color, key, &created), "MPI_Comm_split");
        return new MpiCommunicator(created, owned: true);
    }

    /// <summary>
    /// MPI_Abort: ends every process of the job with <paramref name="errorCode"/> (mpiexec.hydra's exit code). For a
    /// rank that cannot go on and must not leave the others waiting.
    /// </summary>
    public void Abort(int errorCode)
    {
        MpiNative.Abort(Handle, errorCode);
        Environment.Exit(errorCode);   // MPI_Abort does not return; should it, this rank still must not carry on
    }

    /// <summary>Frees a communicator made by <see cref="Split"/> (MPI_Comm_free); disposing <see cref="World"/> does nothing.</summary>
    public void Dispose()
    {
        if (!_owned || _handle == MpiNative.CommNull) return;
        int handle = _handle;
        _handle = MpiNative.CommNull;
        if (!MpiRuntime.IsFinalized) MpiRuntime.Check(MpiNative.CommFree(&handle), "MPI_Comm_free");
    }

    private int Handle
    {
        get
        {
            CheckOpen();
            return _handle;
        }
    }

    private void CheckOpen()
    {
        ObjectDisposedException.ThrowIf(_handle == MpiNative.CommNull, this);
    }

    private void CheckRoot(int root)
    {
        if ((uint)root >= (uint)Size)
            throw new ArgumentOutOfRangeException(nameof(root), root, $"the root must be a rank of the communicator, 0 … {Size - 1}");
    }
}
