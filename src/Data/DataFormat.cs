namespace OptSuite.Data;

/// <summary>The text formats OptSuite reads.</summary>
public enum DataFormat
{
    /// <summary>svmlight/LIBSVM: <c>label [qid:q] index:value ...</c>.</summary>
    Svmlight,

    /// <summary>Comma-, semicolon-, tab- or space-separated numbers, with an optional header.</summary>
    Csv,

    /// <summary>Matrix Market (NIST): coordinate or array.</summary>
    MatrixMarket,
}

/// <summary>The name and the guess from a file name of a <see cref="DataFormat"/>.</summary>
public static class DataFormats
{
    /// <summary>
    /// The format a file name suggests, after any .gz/.bz2/.xz: .mtx is Matrix Market, .csv CSV, anything else svmlight
    /// (LIBSVM files have no fixed extension).
    /// </summary>
    public static DataFormat FromPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string name = path.ToLowerInvariant();
        foreach (var ext in new[] { ".gz", ".bz2", ".xz" })
            if (name.EndsWith(ext, StringComparison.Ordinal)) name = name[..^ext.Length];
        return name.EndsWith(".mtx", StringComparison.Ordinal) ? DataFormat.MatrixMarket
            : name.EndsWith(".csv", StringComparison.Ordinal) ? DataFormat.Csv
            : DataFormat.Svmlight;
    }

    /// <summary>The lower-case name used on the command line and in manifests: "svmlight", "csv", "matrix-market".</summary>
    public static string Name(DataFormat format) => format switch
    {
        DataFormat.Svmlight => "svmlight",
        DataFormat.Csv => "csv",
        DataFormat.MatrixMarket => "matrix-market",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown data format."),
    };
}
