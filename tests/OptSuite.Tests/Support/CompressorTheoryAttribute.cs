namespace OptSuite.Tests.Support;

/// <summary>A theory that makes .xz/.bz2 data with the native compressors; skipped, with the reason shown, when they cannot load.</summary>
public sealed class CompressorTheoryAttribute : TheoryAttribute
{
    public CompressorTheoryAttribute()
    {
        if ((NativeCompressors.Unavailable("xz") ?? NativeCompressors.Unavailable("bz2")) is { } why) Skip = why;
    }
}
