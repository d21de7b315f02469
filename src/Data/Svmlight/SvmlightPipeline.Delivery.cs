using System.Runtime.ExceptionServices;

namespace OptSuite.Data;

/// <summary>
/// Ordered delivery for <see cref="SvmlightPipeline"/>: workers finish chunks in any order; whichever worker completes
/// the next chunk due hands it (and any that were waiting behind it) to the sink, so the sink sees file order, one call
/// at a time, without a thread of its own. A window of workers + 2 chunks bounds how far reading runs ahead of the sink.
/// </summary>
internal sealed partial class SvmlightPipeline
{
    private readonly Action<SvmlightChunk> _sink;
    private readonly List<SvmlightChunk>? _collected;
    private readonly System.Collections.Concurrent.ConcurrentBag<SvmlightChunk>? _spare;   // chunks a sink is done with
    private readonly Dictionary<int, SvmlightChunk> _ready = [];
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _window;
    private readonly CancellationTokenSource _stop = new();
    private int _nextDue;
    private bool _delivering, _stopped;
    private ExceptionDispatchInfo? _sinkFault;

    /// <summary>The chunks in order, up to and including the first failed one, when no sink was given.</summary>
    public List<SvmlightChunk> Chunks => _collected ?? throw new InvalidOperationException("The chunks went to the sink.");

    /// <summary>Waits for room in the window before another chunk is read; false once the read is stopped.</summary>
    private bool Reserve()
    {
        try
        {
            _window.Wait(_stop.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Stops reading and parsing: later chunks are skipped and a producer waiting for room gives up.</summary>
    private void Stop()
    {
        Interlocked.Exchange(ref _firstFailure, -1);
        _stop.Cancel();
    }

    private void Deliver(SvmlightChunk chunk)
    {
        if (chunk.Failure is not null) _stop.Cancel();
        lock (_gate)
        {
            _ready[chunk.Sequence] = chunk;
            if (_delivering) return;
            _delivering = true;
        }
        while (true)
        {
            SvmlightChunk? next;
            lock (_gate)
            {
                if (_stopped || !_ready.Remove(_nextDue, out next))
                {
                    _delivering = false;
                    return;
                }
                _nextDue++;
                if (next.Failure is not null) _stopped = true;
            }
            try
            {
                _sink(next);
                _spare?.Add(next);
            }
            catch (Exception e)
            {
                lock (_gate)
                {
                    _sinkFault ??= ExceptionDispatchInfo.Capture(e);
                    _stopped = true;
                }
                Stop();
            }
            _window.Release();
        }
    }
}
