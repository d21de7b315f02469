using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>The columns of one output row or cursor: input columns passed through, score columns from their getters.</summary>
internal sealed class ScoredColumns
{
    private readonly ScoringMapper _mapper;
    private readonly DataViewRow _input;
    private readonly bool[] _active;
    private readonly Delegate?[] _outputs;

    public ScoredColumns(ScoringMapper mapper, DataViewRow input, bool[] active)
    {
        _mapper = mapper;
        _input = input;
        _active = active;
        _outputs = mapper.OutputGetters(input, active);
    }

    public DataViewSchema Schema => _mapper.OutputSchema;

    public bool IsActive(DataViewSchema.Column column) => _active[Index(column)];

    public ValueGetter<TValue> Getter<TValue>(DataViewSchema.Column column)
    {
        int i = Index(column);
        if (!_active[i]) throw new InvalidOperationException($"Column '{column.Name}' is not active in this row; request it when the cursor is made.");
        int inputs = _mapper.InputSchema.Count;
        if (i < inputs) return _input.GetGetter<TValue>(_input.Schema[i]);
        return _outputs[i - inputs] as ValueGetter<TValue>
            ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");
    }

    private int Index(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= Schema.Count || Schema[column.Index].Name != column.Name)
            throw new ArgumentException($"Column '{column.Name}' (index {column.Index}) is not a column of this row's schema.", nameof(column));
        return column.Index;
    }
}
