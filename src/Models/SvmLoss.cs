namespace OptSuite.Models;

/// <summary>The loss of a linear SVM (labels ±1, score z).</summary>
public enum SvmLoss
{
    /// <summary>max(0, 1 − yz) (LIBLINEAR -s 3).</summary>
    Hinge,

    /// <summary>max(0, 1 − yz)² (LIBLINEAR -s 1/-s 2; scikit-learn LinearSVC's default).</summary>
    SquaredHinge,
}
