namespace OptSuite.Models;

public abstract partial class LinearEstimator
{
    /// <summary>The offsets of the fit under way, checked and copied (null outside a fit and when none are given): a model
    /// that takes offsets hands them to its objective in <c>Pose</c>.</summary>
    private protected double[]? FitOffset { get; private set; }

    /// <summary>Null when the model takes offsets (a known term o_i in every score, z_i = x_i·w + b + o_i), else why not:
    /// the log-link regressors (Poisson, Gamma, Tweedie: log exposure) and binary logistic regression take them.</summary>
    private protected virtual string? OffsetRefusal =>
        $"{ModelName} takes no offsets: they are for the models with a link, poisson, gamma, tweedie and binary logistic " +
        "(for the squared loss subtract the offset from y instead).";

    /// <summary>Null when this model, with its options as set, takes offsets (Poisson, Gamma, Tweedie, binary logistic
    /// regression); otherwise why not, the message a fit or prediction given offsets refuses them with. For callers that
    /// read offsets before fitting (the command line) and would otherwise read them for nothing.</summary>
    public string? OffsetRefusalReason => OffsetRefusal;

    /// <summary>Runs <paramref name="fit"/> with <see cref="FitOffset"/> set to a checked copy of
    /// <paramref name="offset"/> (length <paramref name="rows"/>, finite), or refused by <see cref="OffsetRefusal"/>.</summary>
    private protected T WithOffset<T>(double[]? offset, int rows, Func<T> fit)
    {
        if (offset is null) return fit();
        FitOffset = CheckedOffset(offset, rows);
        try { return fit(); }
        finally { FitOffset = null; }
    }

    private double[] CheckedOffset(double[] offset, int rows)
    {
        if (OffsetRefusal is { } why) throw new ArgumentException(why, nameof(offset));
        if (offset.Length != rows) throw new ArgumentException($"offset has {offset.Length} values for {rows} rows of X.", nameof(offset));
        for (int i = 0; i < offset.Length; i++)
            if (!double.IsFinite(offset[i])) throw new ArgumentException($"offset[{i}] = {offset[i]} is not finite.", nameof(offset));
        return (double[])offset.Clone();
    }

    /// <summary>The raw scores XW + b (+ o in every output column when <paramref name="offset"/> is given), n×m row-major.
    /// Offsets are data, not part of the model: a model fitted with them predicts with the offsets of the rows it is given.</summary>
    private protected double[] Scores(FeatureMatrix x, double[]? offset)
    {
        double[] s = Scores(x);
        if (offset is null) return s;
        int m = OutputCount, n = s.Length / m;
        double[] o = CheckedOffset(offset, n);
        for (int i = 0; i < n; i++)
            for (int c = 0; c < m; c++) s[(long)i * m + c] += o[i];
        return s;
    }
}
