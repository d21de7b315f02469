using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>A cursor over the scored data: moves the input cursor, computes the score columns of the row it is on.</summary>
internal sealed class ScoredCursor : DataViewRowCursor
{
    private readonly DataViewRowCursor _input;
    private readonly ScoredColumns _columns;

    public ScoredCursor(ScoringMapper mapper, DataViewRowCursor input, bool[] active)
    {
        _input = input;
        _columns = new ScoredColumns(mapper, input, active);
    }

    public override DataViewSchema Schema => _columns.Schema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override bool MoveNext() => _input.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _columns.IsActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _columns.Getter<TValue>(column);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
