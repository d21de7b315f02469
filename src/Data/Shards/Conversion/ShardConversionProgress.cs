namespace OptSuite.Data.Shards;

/// <summary>Where a conversion is, as <see cref="ShardConverter.Convert"/> reports it (a few times a second).</summary>
/// <param name="Stage">What is happening, e.g. "writing" or "pass 1 of 2: checking and counting".</param>
/// <param name="Rows">Rows written so far (entries read, in a Matrix Market counting pass).</param>
/// <param name="TextBytes">Text bytes read in this pass (decompressed).</param>
/// <param name="InputBytesRead">File bytes read in this pass (compressed bytes for a compressed file).</param>
/// <param name="InputBytes">The file's size: the pass is <see cref="Fraction"/> done.</param>
/// <param name="Elapsed">Time since the conversion started.</param>
/// <param name="StageElapsed">Time since this stage started (rates are over it).</param>
public readonly record struct ShardConversionProgress(string Stage, long Rows, long TextBytes, long InputBytesRead, long InputBytes,
    TimeSpan Elapsed, TimeSpan StageElapsed)
{
    /// <summary>The fraction of this pass's input read, in [0, 1].</summary>
    public double Fraction => InputBytes > 0 ? Math.Clamp((double)InputBytesRead / InputBytes, 0, 1) : 0;
}
