using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// The raw scores of the current row of one input row or cursor, computed when an output getter first asks for them at
/// a position and reused by the other output columns of that position (ML.NET's own scorers cache by position too).
/// One per row or cursor: not shared between threads.
/// </summary>
internal sealed class RowScorer
{
    private readonly DataViewRow _input;
    private readonly ValueGetter<VBuffer<float>> _features;
    private readonly ValueGetter<float>? _offset;
    private readonly LinearScores _model;
    private readonly double[] _scores;
    private VBuffer<float> _x;
    private long _position = -1;
    private bool _computed;

    public RowScorer(DataViewRow input, DataViewSchema.Column featureColumn, DataViewSchema.Column? offsetColumn, LinearScores model)
    {
        _input = input;
        _features = input.GetGetter<VBuffer<float>>(featureColumn);
        _offset = offsetColumn is { } o ? input.GetGetter<float>(o) : null;
        _model = model;
        _scores = new double[model.Outputs];
    }

    /// <summary>The m raw scores of the current row (plus its offset when the model has an offset column).</summary>
    public ReadOnlySpan<double> Scores
    {
        get
        {
            if (!_computed || _position != _input.Position)
            {
                _features(ref _x);
                if (_x.Length != _model.Features)
                    throw new InvalidOperationException($"A feature vector has {_x.Length} slots; the model was fitted on {_model.Features}.");
                _model.Compute(_x, _scores);
                if (_offset is not null)
                {
                    float o = 0;
                    _offset(ref o);
                    for (int c = 0; c < _scores.Length; c++) _scores[c] += o;
                }
                _position = _input.Position;
                _computed = true;
            }
            return _scores;
        }
    }
}
