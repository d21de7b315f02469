namespace OptSuite.LinearAlgebra.Managed;

/// <summary>
/// Persistent worker threads that run <see cref="ParallelJob"/> parts without allocating, so kernels called from a
/// solver's <c>Step</c> stay allocation-free (Parallel.For allocates on every call).
/// </summary>
/// <remarks>
/// Part 0 runs on the calling thread, parts 1..k−1 on workers. Only one job uses the workers at a time; a caller that
/// finds them busy (nested or concurrent use, e.g. cross-validation folds on the thread pool) runs every part itself.
/// The partition depends only on the part count, never on which thread ran a part, so results are deterministic.
/// </remarks>
internal static class ParallelWorkers
{
    private static readonly object s_gate = new();
    private static Worker[] s_workers = [];
    private static readonly object s_growLock = new();

    /// <summary>The least work (≈ flops) worth a part of its own: below twice this a kernel runs on one thread, as the
    /// fork and join would cost more than the second thread gives (the MKL backend follows the same rule).</summary>
    public const long MinWorkPerPart = 1 << 16;

    /// <summary>Parts worth using for <paramref name="work"/> units of work (≈ flops), given the thread limit.</summary>
    public static int PartsFor(long work, long minWorkPerPart = MinWorkPerPart)
    {
        int threads = LinearAlgebraSettings.Threads;
        if (threads <= 1 || work < 2 * minWorkPerPart) return 1;
        return (int)Math.Min(threads, work / minWorkPerPart);
    }

    public static void Run(ParallelJob job, int parts)
    {
        if (parts <= 1)
        {
            job.Run(0, 1);
            return;
        }
        if (!Monitor.TryEnter(s_gate))
        {
            for (int p = 0; p < parts; p++) job.Run(p, parts);
            return;
        }
        try
        {
            Worker[] workers = EnsureWorkers(parts - 1);
            for (int p = 1; p < parts; p++) workers[p - 1].Start(job, p, parts);
            Exception? first = null;
            try { job.Run(0, parts); }
            catch (Exception e) { first = e; }
            for (int p = 1; p < parts; p++)
            {
                Exception? e = workers[p - 1].Wait();
                first ??= e;
            }
            if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
        }
        finally
        {
            Monitor.Exit(s_gate);
        }
    }

    private static Worker[] EnsureWorkers(int count)
    {
        Worker[] current = s_workers;
        if (current.Length >= count) return current;
        lock (s_growLock)
        {
            if (s_workers.Length >= count) return s_workers;
            var grown = new Worker[count];
            Array.Copy(s_workers, grown, s_workers.Length);
            for (int i = s_workers.Length; i < count; i++) grown[i] = new Worker(i + 1);
            s_workers = grown;
            return grown;
        }
    }

    private sealed class Worker
    {
        private readonly ManualResetEventSlim _start = new(false, spinCount: 2000);
        private readonly ManualResetEventSlim _done = new(false, spinCount: 2000);
        private ParallelJob? _job;
        private int _part, _parts;
        private Exception? _error;

        public Worker(int id)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"OptSuite kernel worker {id}" };
            thread.Start();
            // ManualResetEventSlim creates its monitor object lazily the first time a waiter really blocks; force that
            // here so the first blocking Wait in a solver's hot loop does not allocate (24 bytes, seen in tests).
            _done.Wait(millisecondsTimeout: 20);
        }

        public void Start(ParallelJob job, int part, int parts)
        {
            _job = job;
            _part = part;
            _parts = parts;
            _error = null;
            _done.Reset();
            _start.Set();
        }

        public Exception? Wait()
        {
            _done.Wait();
            return _error;
        }

        private void Loop()
        {
            while (true)
            {
                _start.Wait();
                _start.Reset();
                try { _job!.Run(_part, _parts); }
                catch (Exception e) { _error = e; }
                _job = null;
                _done.Set();
            }
        }
    }
}
