using System.Diagnostics;

namespace OptSuite.Data.Shards;

/// <summary>
/// The input file of a conversion, opened once per pass with counters below and above the decoder, and the progress
/// reports made from them: at most ten a second, each with the rows so far and this pass's bytes.
/// </summary>
internal sealed class ConversionInput(string path, bool managedDecompression, Action<ShardConversionProgress>? progress)
{
    private const long ReportTicks = TimeSpan.TicksPerSecond / 10;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private CountingReadStream? _file, _text;
    private TimeSpan _stageStart;
    private long _lastReport = long.MinValue / 2;
    private string _stage = "";

    public string Path => path;

    /// <summary>The file's size on disk.</summary>
    public long FileBytes { get; } = new FileInfo(path).Length;

    /// <summary>Whether the file is gzip, bzip2 or xz.</summary>
    public bool Compressed { get; private set; }

    /// <summary>Text bytes read in the current (or last) pass.</summary>
    public long TextBytes => _text?.Count ?? 0;

    /// <summary>Rows written (or entries read) so far, for progress.</summary>
    public long Rows { get; set; }

    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>Opens the text for a pass named <paramref name="stage"/>; the caller disposes it.</summary>
    public Stream Open(string stage)
    {
        var file = new CountingReadStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
        Stream decoded;
        try
        {
            decoded = CompressedStreams.Wrap(file, path, !managedDecompression);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        Compressed = !ReferenceEquals(decoded, file);
        lock (_gate)
        {
            _file = file;
            _text = new CountingReadStream(decoded);
            _stage = stage;
            _stageStart = _clock.Elapsed;
            _lastReport = long.MinValue / 2;
        }
        Report(force: true);
        return _text;
    }

    /// <summary>Renames the current stage (a pass with several steps).</summary>
    public void Stage(string stage)
    {
        lock (_gate)
        {
            _stage = stage;
            _stageStart = _clock.Elapsed;
        }
        Report(force: true);
    }

    /// <summary>Reports progress if a tenth of a second passed since the last report (or <paramref name="force"/>).</summary>
    public void Report(bool force = false)
    {
        if (progress is null) return;
        long now = _clock.Elapsed.Ticks;
        lock (_gate)
        {
            if (!force && now - _lastReport < ReportTicks) return;
            _lastReport = now;
            progress(new ShardConversionProgress(_stage, Rows, _text?.Count ?? 0, _file?.Count ?? 0, FileBytes,
                TimeSpan.FromTicks(now), TimeSpan.FromTicks(now) - _stageStart));
        }
    }
}
