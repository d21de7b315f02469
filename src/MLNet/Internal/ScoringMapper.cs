using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// A fitted transformer bound to one input schema: the output schema (every input column, then the transformer's
/// score columns with ML.NET's score annotations; an input column of the same name is hidden, as ML.NET's scorers hide
/// it), and rows that pass input columns through and compute the score columns from the feature vector. The one
/// mapping behind Transform (cursors), GetRowToRowMapper (prediction engines) and GetOutputSchema.
/// </summary>
internal sealed class ScoringMapper : IRowToRowMapper
{
    private readonly OptSuiteTransformer _transformer;
    private readonly DataViewSchema.Column _features;
    private readonly DataViewSchema.Column? _offset;

    public ScoringMapper(OptSuiteTransformer transformer, DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(inputSchema);
        _transformer = transformer;
        InputSchema = inputSchema;
        int p = ColumnChecks.Features(inputSchema, transformer.FeatureColumnName, out _features);
        if (p != transformer.Scores.Features)
            throw new ArgumentException($"The feature column '{transformer.FeatureColumnName}' has {p} slots; the model was fitted on {transformer.Scores.Features}.", nameof(inputSchema));
        // A model fitted with offsets scores x·w + b + o: without the column its scores would be another model's.
        if (transformer.OffsetColumnName is { } offset) _offset = ColumnChecks.Offset(inputSchema, offset);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        uint setId = ScoreAnnotations.NextSetId(inputSchema);
        foreach (var output in transformer.Outputs)
            builder.AddColumn(output.Name, output.Type, ScoreAnnotations.For(output, transformer.ScoreColumnKind, setId));
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    /// <summary>Whether each output column is among <paramref name="columns"/>.</summary>
    public bool[] Active(IEnumerable<DataViewSchema.Column> columns)
    {
        var active = new bool[OutputSchema.Count];
        foreach (var c in columns ?? []) active[Check(c)] = true;
        return active;
    }

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new SortedSet<int>();
        foreach (var c in dependingColumns ?? [])
        {
            if (Check(c) < InputSchema.Count) { needed.Add(c.Index); continue; }
            needed.Add(_features.Index);
            if (_offset is { } o) needed.Add(o.Index);
        }
        return needed.Select(i => InputSchema[i]).ToArray();
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!ReferenceEquals(input.Schema, InputSchema))
            throw new ArgumentException("The row's schema is not the schema this mapper was made for.", nameof(input));
        return new ScoredRow(this, input, Active(activeColumns));
    }

    /// <summary>The getters of the active score columns over <paramref name="input"/> (null where inactive), sharing one
    /// scorer so a row's scores are computed once whatever the number of score columns read.</summary>
    public Delegate?[] OutputGetters(DataViewRow input, bool[] active)
    {
        var outputs = _transformer.Outputs;
        var getters = new Delegate?[outputs.Count];
        RowScorer? scorer = null;
        for (int k = 0; k < outputs.Count; k++)
        {
            if (!active[InputSchema.Count + k]) continue;
            scorer ??= new RowScorer(input, _features, _offset, _transformer.Scores);
            getters[k] = outputs[k].Getter(scorer);
        }
        return getters;
    }

    private int Check(DataViewSchema.Column column)
    {
        if (column.Index < 0 || column.Index >= OutputSchema.Count || OutputSchema[column.Index].Name != column.Name)
            throw new ArgumentException($"Column '{column.Name}' (index {column.Index}) is not a column of this schema.", nameof(column));
        return column.Index;
    }
}
