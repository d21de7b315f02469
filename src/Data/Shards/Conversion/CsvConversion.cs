namespace OptSuite.Data.Shards;

/// <summary>
/// CSV to shards through <see cref="CsvRowReader"/> (the reader's own row parsing), a row at a time: the label column
/// named by the options leaves the features; sparse storage keeps the non-zero features.
/// </summary>
internal static class CsvConversion
{
    /// <summary>Converts; returns the feature columns.</summary>
    public static int Run(ConversionInput input, ShardWriter writer, ShardStorage storage, CsvReaderOptions options)
    {
        if (options.TargetName is null && options.TargetIndex is null)
            throw new ArgumentException($"{input.Path}: say which CSV column holds the labels (CsvReaderOptions.TargetName or TargetIndex; --label-column on the command line).", nameof(options));
        if (options.TargetName is not null && options.TargetIndex is not null)
            throw new ArgumentException("Set TargetName or TargetIndex, not both.", nameof(options));
        using var text = input.Open("writing");
        using var reader = new StreamReader(text);
        var rows = new CsvRowReader(reader, input.Path, options);
        if (!rows.ReadHeader()) throw new DataFormatException(input.Path, 0, 0, "the file holds no data (only blank or comment lines)");
        int target = CsvReader.TargetColumn(options, rows.Names, rows.Width, input.Path);
        int p = rows.Width - 1;
        var features = new double[p];
        var columns = new int[p];
        var values = new double[p];
        while (rows.MoveNext())
        {
            var row = rows.Current;
            row[..target].CopyTo(features);
            row[(target + 1)..].CopyTo(features.AsSpan(target));
            if (storage == ShardStorage.Dense)
            {
                writer.AppendDenseRow(row[target], features);
            }
            else
            {
                int nnz = 0;
                for (int j = 0; j < p; j++)
                    if (features[j] != 0) { columns[nnz] = j; values[nnz++] = features[j]; }
                writer.AppendRow(row[target], columns.AsSpan(0, nnz), values.AsSpan(0, nnz));
            }
            input.Rows++;
            input.Report();
        }
        if (rows.Rows > int.MaxValue) throw new DataFormatException(input.Path, rows.Line, 0, $"the file has more than {int.MaxValue} rows, more than a dataset holds");
        writer.SetSource(new ShardSource(input.Path, DataFormats.Name(DataFormat.Csv), null, input.FileBytes));
        return p;
    }
}
