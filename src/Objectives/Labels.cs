namespace OptSuite.Objectives;

/// <summary>Label checks and the binary label mapping shared by the pointwise losses.</summary>
public static class Labels
{
    /// <summary>Throws when <paramref name="label"/> is outside <paramref name="convention"/>.</summary>
    /// <param name="convention">The convention.</param>
    /// <param name="label">The label.</param>
    /// <exception cref="ArgumentException">The label is not accepted; the parameter name is <c>label</c>.</exception>
    public static void Validate(LabelConvention convention, double label)
    {
        switch (convention)
        {
            case LabelConvention.Regression:
                if (!double.IsFinite(label))
                    throw new ArgumentException($"Regression label must be finite, got {label}.", nameof(label));
                break;
            case LabelConvention.Binary:
                if (label != 1.0 && label != -1.0 && label != 0.0)
                    throw new ArgumentException($"Binary label must be -1, +1, 0 or 1 (0 means -1), got {label}.", nameof(label));
                break;
            case LabelConvention.Count:
                if (!double.IsFinite(label) || label < 0)
                    throw new ArgumentException($"Count label must be finite and non-negative, got {label}.", nameof(label));
                break;
            case LabelConvention.Positive:
                if (!double.IsFinite(label) || !(label > 0))
                    throw new ArgumentException($"Positive label must be finite and > 0, got {label}.", nameof(label));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(convention));
        }
    }

    /// <summary>Maps a binary label to ±1: positive labels to +1, everything else (−1 and 0) to −1.</summary>
    /// <param name="label">A validated binary label.</param>
    /// <returns>+1 or −1.</returns>
    public static double Sign(double label) => label > 0 ? 1.0 : -1.0;
}
