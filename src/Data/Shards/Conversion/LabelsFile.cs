namespace OptSuite.Data.Shards;

/// <summary>
/// A file of labels, one per row of a Matrix Market matrix: a Matrix Market vector (n × 1 or 1 × n, as scipy's
/// <c>mmwrite(y)</c> writes), or by any other name one number per line (read as a one-column CSV; a header is allowed).
/// </summary>
internal static class LabelsFile
{
    public static double[] Read(string path, int rows)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Labels file not found: {path}", path);
        double[] labels;
        if (DataFormats.FromPath(path) == DataFormat.MatrixMarket)
        {
            var r = MatrixMarketReader.Read(path);
            int n = r.Matrix.Rows, p = r.Matrix.Columns;
            if (n != 1 && p != 1)
                throw new DataFormatException(path, 0, 0, $"a labels file holds one column (or one row); this matrix is {n} × {p}");
            labels = new double[n == 1 ? p : n];
            if (r.Dense is { } d)
            {
                for (int k = 0; k < labels.Length; k++) labels[k] = p == 1 ? d[k, 0] : d[0, k];
            }
            else
            {
                var s = r.Sparse!;
                var ptr = s.RowPointers;
                var col = s.ColumnIndices;
                var val = s.Values;
                for (int i = 0; i < n; i++)
                    for (int q = ptr[i]; q < ptr[i + 1]; q++) labels[p == 1 ? i : col[q]] = val[q];
            }
        }
        else
        {
            var t = CsvReader.Read(path);
            if (t.Features.Columns != 1)
                throw new DataFormatException(path, 0, 0, $"a labels file holds one number per line; this one has {t.Features.Columns} columns");
            labels = new double[t.Features.Rows];
            for (int i = 0; i < labels.Length; i++) labels[i] = t.Features[i, 0];
        }
        if (labels.Length != rows)
            throw new DataFormatException(path, 0, 0, $"the labels file has {labels.Length} labels; the matrix has {rows} rows");
        return labels;
    }
}
