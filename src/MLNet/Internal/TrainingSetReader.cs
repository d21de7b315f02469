using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.LinearAlgebra;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// Reads a trainer's columns in one pass over an IDataView into CSR: each row's vector contributes the entries it holds
/// (a sparse VBuffer its explicit entries, a dense one its non-zeros), so a wide sparse featurisation stays as small as
/// it is in ML.NET and nothing n × p is ever allocated. Non-finite features, missing labels and bad weights are errors
/// naming the column and the row: OptSuite's objectives are undefined there (ML.NET's own trainers skip such rows
/// silently; here a fit never runs on fewer rows than the data has without saying so).
/// </summary>
internal static class TrainingSetReader
{
    public static TrainingSet Read(IDataView data, string features, string label, LabelKind kind, string? weight, string? offset = null)
    {
        ArgumentNullException.ThrowIfNull(data, "input");
        var schema = data.Schema;
        int p = ColumnChecks.Features(schema, features, out var featureColumn);
        var labelColumn = ColumnChecks.Label(schema, label, kind);
        DataViewSchema.Column? weightColumn = weight is null ? null : ColumnChecks.Weight(schema, weight);
        DataViewSchema.Column? offsetColumn = offset is null ? null : ColumnChecks.Offset(schema, offset);

        var active = new List<DataViewSchema.Column> { featureColumn, labelColumn };
        if (weightColumn is { } wc) active.Add(wc);
        if (offsetColumn is { } oc) active.Add(oc);
        using var cursor = data.GetRowCursor(active);
        var getFeatures = cursor.GetGetter<VBuffer<float>>(featureColumn);
        var getLabel = LabelGetter(cursor, labelColumn, kind);
        var getWeight = weightColumn is { } w ? cursor.GetGetter<float>(w) : null;
        var getOffset = offsetColumn is { } o ? cursor.GetGetter<float>(o) : null;

        long hint = data.GetRowCount() ?? 1024;
        var pointers = new ArrayBuffer<int>((int)Math.Min(hint + 1, 1 << 20));
        var indices = new ArrayBuffer<int>();
        var values = new ArrayBuffer<double>();
        var labels = new ArrayBuffer<double>((int)Math.Min(hint, 1 << 20));
        var weights = getWeight is null ? null : new ArrayBuffer<double>((int)Math.Min(hint, 1 << 20));
        var offsets = getOffset is null ? null : new ArrayBuffer<double>((int)Math.Min(hint, 1 << 20));
        pointers.Add(0);
        VBuffer<float> x = default;
        float wi = 0, oi = 0;
        long row = 0;
        while (cursor.MoveNext())
        {
            getFeatures(ref x);
            if (x.Length != p)
                throw new ArgumentException($"Row {row} of the feature column '{features}' has {x.Length} slots; the column type says {p}.", "input");
            var xs = x.GetValues();
            var xi = x.IsDense ? default : x.GetIndices();
            for (int k = 0; k < xs.Length; k++)
            {
                float v = xs[k];
                int j = x.IsDense ? k : xi[k];
                if (!float.IsFinite(v))
                    throw new ArgumentException($"Row {row} of the feature column '{features}' has {v.ToString(CultureInfo.InvariantCulture)} in slot {j}; " +
                        "OptSuite needs finite features (mlContext.Transforms.ReplaceMissingValues replaces NaN).", "input");
                if (v == 0) continue;
                if (indices.Count == int.MaxValue)
                    throw new ArgumentException($"The feature column '{features}' holds more than {int.MaxValue} non-zeros, the most one CSR matrix indexes.", "input");
                indices.Add(j);
                values.Add(v);
            }
            pointers.Add(indices.Count);
            labels.Add(getLabel(row));
            if (getWeight is not null)
            {
                getWeight(ref wi);
                if (!(wi >= 0 && float.IsFinite(wi)))
                    throw new ArgumentException($"Row {row} of the example weight column '{weight}' is {wi.ToString(CultureInfo.InvariantCulture)}; weights must be finite and ≥ 0.", "input");
                weights!.Add(wi);
            }
            if (getOffset is not null)
            {
                getOffset(ref oi);
                if (!float.IsFinite(oi))
                    throw new ArgumentException($"Row {row} of the offset column '{offset}' is {oi.ToString(CultureInfo.InvariantCulture)}; offsets must be finite.", "input");
                offsets!.Add(oi);
            }
            row++;
            if (row > int.MaxValue - 1) throw new ArgumentException($"The data has more than {int.MaxValue - 1} rows, the most one CSR matrix holds.", "input");
        }
        if (row == 0) throw new ArgumentException("The training data has no rows.", "input");
        var csr = new CsrMatrix((int)row, p, pointers.ToArray(), indices.Items, values.Items);
        return new TrainingSet(csr, labels.ToArray(), weights?.ToArray(), offsets?.ToArray());
    }

    /// <summary>A reader of the current row's label as a double, checking it; the argument is the row number for messages.</summary>
    private static Func<long, double> LabelGetter(DataViewRow cursor, DataViewSchema.Column column, LabelKind kind)
    {
        string name = column.Name;
        switch (kind)
        {
            case LabelKind.Boolean:
            {
                var get = cursor.GetGetter<bool>(column);
                bool v = false;
                return _ => { get(ref v); return v ? 1 : 0; };
            }
            case LabelKind.Single:
            {
                var get = cursor.GetGetter<float>(column);
                float v = 0;
                return row =>
                {
                    get(ref v);
                    if (!float.IsFinite(v))
                        throw new ArgumentException($"Row {row} of the label column '{name}' is {v.ToString(CultureInfo.InvariantCulture)}; regression targets must be finite " +
                            "(mlContext.Data.FilterRowsByMissingValues drops rows with a missing label).", "input");
                    return v;
                };
            }
            default:
                return KeyGetter(cursor, column);
        }
    }

    /// <summary>Key labels of any of the key types (byte, ushort, uint, ulong): 1..K, 0 is a missing value.</summary>
    private static Func<long, double> KeyGetter(DataViewRow cursor, DataViewSchema.Column column)
    {
        Type raw = column.Type.RawType;
        Func<ulong> read;
        if (raw == typeof(uint)) { var g = cursor.GetGetter<uint>(column); uint v = 0; read = () => { g(ref v); return v; }; }
        else if (raw == typeof(byte)) { var g = cursor.GetGetter<byte>(column); byte v = 0; read = () => { g(ref v); return v; }; }
        else if (raw == typeof(ushort)) { var g = cursor.GetGetter<ushort>(column); ushort v = 0; read = () => { g(ref v); return v; }; }
        else { var g = cursor.GetGetter<ulong>(column); ulong v = 0; read = () => { g(ref v); return v; }; }
        string name = column.Name;
        return row =>
        {
            ulong key = read();
            if (key == 0)
                throw new ArgumentException($"Row {row} of the label column '{name}' is a missing key (a value MapValueToKey did not see when it was fitted); " +
                    "drop such rows first (mlContext.Data.FilterRowsByMissingValues).", "input");
            return key;
        };
    }
}
