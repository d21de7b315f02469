using OptSuite.LinearAlgebra;

namespace OptSuite.MLNet.Internal;

/// <summary>What a trainer read from an IDataView: the features as CSR (only the entries the vectors hold), one label per
/// row as a double (0/1 for binary, the key value 1..K for multiclass, the target for regression), the weights or null,
/// the offsets or null.</summary>
internal sealed record TrainingSet(CsrMatrix Features, double[] Labels, double[]? Weights, double[]? Offsets = null);
