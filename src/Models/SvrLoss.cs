namespace OptSuite.Models;

/// <summary>The loss of linear support vector regression (residual r = z − y, tube width ε).</summary>
public enum SvrLoss
{
    /// <summary>max(0, |r| − ε) (LIBLINEAR -s 13; scikit-learn LinearSVR's default).</summary>
    EpsilonInsensitive,

    /// <summary>max(0, |r| − ε)² (LIBLINEAR -s 11/-s 12; scikit-learn's squared_epsilon_insensitive).</summary>
    SquaredEpsilonInsensitive,
}
