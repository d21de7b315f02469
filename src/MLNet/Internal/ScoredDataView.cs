using Microsoft.ML;

namespace OptSuite.MLNet.Internal;

/// <summary>The lazy output of Transform: the input view with the score columns; nothing is computed until a cursor
/// reads a score column, and cursors that read none never touch the feature column.</summary>
internal sealed class ScoredDataView(ScoringMapper mapper, IDataView input) : IDataView
{
    public DataViewSchema Schema => mapper.OutputSchema;

    public bool CanShuffle => input.CanShuffle;

    public long? GetRowCount() => input.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded?.ToArray() ?? [];
        return new ScoredCursor(mapper, input.GetRowCursor(mapper.GetDependencies(needed), rand), mapper.Active(needed));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded?.ToArray() ?? [];
        bool[] active = mapper.Active(needed);
        return input.GetRowCursorSet(mapper.GetDependencies(needed), n, rand)
            .Select(c => (DataViewRowCursor)new ScoredCursor(mapper, c, active)).ToArray();
    }
}
