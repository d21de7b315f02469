namespace OptSuite.Models.Internal;

/// <summary>How a regressor's prediction follows from its linear score z = x·w + b: the inverse link of a GLM.</summary>
internal enum LinkFunction
{
    /// <summary>The prediction is z (squared, Huber, quantile losses).</summary>
    Identity,

    /// <summary>The log link: the prediction is the mean e^z (Poisson, Gamma).</summary>
    Log,
}
