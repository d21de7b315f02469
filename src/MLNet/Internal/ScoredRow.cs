using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>A row of a prediction engine or composite mapper: the input row with the score columns added. Disposing it
/// disposes the input row (IRowToRowMapper's contract).</summary>
internal sealed class ScoredRow : DataViewRow
{
    private readonly DataViewRow _input;
    private readonly ScoredColumns _columns;

    public ScoredRow(ScoringMapper mapper, DataViewRow input, bool[] active)
    {
        _input = input;
        _columns = new ScoredColumns(mapper, input, active);
    }

    public override DataViewSchema Schema => _columns.Schema;

    public override long Position => _input.Position;

    public override long Batch => _input.Batch;

    public override ValueGetter<DataViewRowId> GetIdGetter() => _input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => _columns.IsActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => _columns.Getter<TValue>(column);

    protected override void Dispose(bool disposing)
    {
        if (disposing) _input.Dispose();
        base.Dispose(disposing);
    }
}
