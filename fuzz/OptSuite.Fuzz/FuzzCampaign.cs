using System.Diagnostics;

namespace OptSuite.Fuzz;

/// <summary>
/// Runs mutated inputs through one target and records every input that is not answered by a successful parse or by the
/// documented exception: other exception types (crashes), broken invariants, parses slower than <see cref="SlowInput"/>,
/// and allocations above <see cref="AllocationBudget"/>. Inputs that parse are fed back into the pool (capped), so the
/// campaign wanders further from the seeds over time, a cheap stand-in for coverage guidance.
/// </summary>
public sealed class FuzzCampaign(FuzzTarget target, int seed)
{
    private const int PoolLimit = 512;
    private const int InputLimit = 1 << 14;
    private readonly Mutator _mutator = new(seed);
    private readonly Random _rng = new(seed ^ 0x5EED);
    private readonly List<byte[]> _pool = [.. target.Seeds];
    private long _started = -1;
    private byte[] _current = [];

    /// <summary>A single input taking longer than this is a finding.</summary>
    public TimeSpan SlowInput { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Bytes a run may allocate: 4 MiB plus 128 per input byte plus 64 per element of what it built (rows, columns,
    /// non-zeros or values). A header claiming 10¹² rows on a short input exceeds this by orders of magnitude.
    /// </summary>
    public static long AllocationBudget(int inputBytes, long outputElements) => (4L << 20) + 128L * inputBytes + 64 * outputElements;

    /// <summary>When set, a watchdog writes an input still running after this long to <see cref="FindingsDirectory"/> and
    /// ends the process (a hung parse cannot be interrupted in .NET).</summary>
    public TimeSpan? HangTimeout { get; init; }

    /// <summary>Called every 10⁵ inputs with a progress line (null: silent).</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Where findings' inputs are written (null: keep them in memory only).</summary>
    public string? FindingsDirectory { get; init; }

    /// <summary>Runs up to <paramref name="inputs"/> inputs or until <paramref name="maxTime"/>.</summary>
    public FuzzStatistics Run(long inputs, TimeSpan? maxTime = null)
    {
        var stats = new FuzzStatistics { Target = target.Name };
        var clock = Stopwatch.StartNew();
        using var watchdog = HangTimeout is { } timeout ? new Timer(_ => Watch(timeout), null, 1000, 1000) : null;
        // Seeds first (each must parse), then mutations.
        for (long k = 0; k < inputs; k++)
        {
            byte[] input = k < target.Seeds.Count ? target.Seeds[(int)k] : Next();
            RunOne(input, stats, isSeed: k < target.Seeds.Count);
            if (maxTime is { } t && (k & 63) == 0 && clock.Elapsed > t) break;
            if (Progress is { } report && (k + 1) % 100_000 == 0) report($"{target.Name}: {k + 1} inputs, {stats.Findings.Count} findings, {clock.Elapsed.TotalSeconds:F0} s");
        }
        stats.Elapsed = clock.Elapsed;
        return stats;
    }

    private byte[] Next()
    {
        byte[] parent = _pool[_rng.Next(_pool.Count)];
        byte[] child = _mutator.Mutate(parent, _pool);
        return child.Length > InputLimit ? child[..InputLimit] : child;
    }

    private void RunOne(byte[] input, FuzzStatistics stats, bool isSeed)
    {
        stats.Inputs++;
        stats.LargestInput = Math.Max(stats.LargestInput, input.Length);
        _current = input;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        long start = Stopwatch.GetTimestamp();
        Volatile.Write(ref _started, start);
        long output = 0;
        Exception? failure = null;
        try { output = target.Run(input); }
        catch (Exception e) { failure = e; }
        Volatile.Write(ref _started, -1);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        stats.SlowestSeconds = Math.Max(stats.SlowestSeconds, seconds);
        stats.WorstAllocationRatio = Math.Max(stats.WorstAllocationRatio, (double)allocated / (input.Length + output + 1));

        if (failure is null)
        {
            stats.Accepted++;
            bool keep = !isSeed && input.Length <= InputLimit / 2;
            if (keep && _pool.Count < PoolLimit) _pool.Add(input);
            else if (keep && _rng.Next(16) == 0) _pool[target.Seeds.Count + _rng.Next(_pool.Count - target.Seeds.Count)] = input;
        }
        else if (target.IsExpected(failure)) stats.Rejected++;
        else Record(stats, failure is FuzzInvariantException ? "invariant" : "crash", Signature(failure), failure.ToString(), input);

        if (isSeed && failure is not null)
            Record(stats, "seed-rejected", "seed:" + failure.GetType().Name, failure.Message, input);
        if (seconds > SlowInput.TotalSeconds && IsSlowAgain(input, out double again))
            Record(stats, "slow", "slow", $"{seconds:F2} s, then {again:F2} s, for {input.Length} bytes", input);
        long budget = AllocationBudget(input.Length, output);
        if (allocated > budget)
            Record(stats, "allocation", "allocation:" + (failure?.GetType().Name ?? "accepted"),
                $"{allocated:N0} bytes allocated for {input.Length} input bytes and {output} parsed elements (budget {budget:N0})", input);
    }

    /// <summary>Runs a slow input again: on a shared machine one slow run is often a descheduled thread or a GC.</summary>
    private bool IsSlowAgain(byte[] input, out double seconds)
    {
        long start = Stopwatch.GetTimestamp();
        try { target.Run(input); }
        catch (Exception) { }
        seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        return seconds > SlowInput.TotalSeconds;
    }

    private static string Signature(Exception e)
    {
        var frame = new StackTrace(e, false).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("OptSuite", StringComparison.Ordinal) == true);
        var m = frame?.GetMethod();
        return $"{e.GetType().Name} at {m?.DeclaringType?.Name}.{m?.Name}";
    }

    private void Record(FuzzStatistics stats, string kind, string signature, string message, byte[] input)
    {
        var known = stats.Findings.FirstOrDefault(f => f.Kind == kind && f.Signature == signature);
        if (known is not null)
        {
            known.Count++;
            if (input.Length < known.Input.Length) stats.Findings[stats.Findings.IndexOf(known)] = known with { Input = input, Count = known.Count };
            return;
        }
        stats.Findings.Add(new FuzzFinding(target.Name, kind, signature, message, input));
        if (FindingsDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            string name = $"{target.Name}-{kind}-{stats.Findings.Count:D3}";
            File.WriteAllBytes(Path.Combine(dir, name + ".bin"), input);
            File.WriteAllText(Path.Combine(dir, name + ".txt"), $"{signature}\n{message}\n");
        }
    }

    private void Watch(TimeSpan timeout)
    {
        long started = Volatile.Read(ref _started);
        if (started < 0 || Stopwatch.GetElapsedTime(started) < timeout) return;
        if (FindingsDirectory is { } dir)
        {
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, $"{target.Name}-hang.bin"), _current);
        }
        Console.Error.WriteLine($"{target.Name}: an input has run for more than {timeout.TotalSeconds} s; saved as {target.Name}-hang.bin. Stopping.");
        Environment.Exit(3);
    }
}
