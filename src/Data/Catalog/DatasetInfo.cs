namespace OptSuite.Data;

/// <summary>One dataset file shipped in the repository's <c>datasets/</c> folder (see datasets/PROVENANCE.md).</summary>
/// <param name="Name">Short name, e.g. "heart_scale" or "peers/digits".</param>
/// <param name="Task">"binary", "multiclass", "regression", "multi-output regression"; synthetic ones say "(SYNTHETIC)".</param>
/// <param name="Rows">Number of examples.</param>
/// <param name="Columns">Max feature index (svmlight) or column count (CSV).</param>
/// <param name="NonZeros">Stored entries (svmlight) or non-zero values (CSV).</param>
/// <param name="RelativePath">Path under <c>datasets/</c>, '/'-separated.</param>
/// <param name="Format">"svmlight" or "csv".</param>
/// <param name="Bytes">File size.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file.</param>
/// <param name="Synthetic">True only for the glmnet example data, which is simulated.</param>
/// <param name="Provenance">Original publisher / citation, one line.</param>
public sealed record DatasetInfo(
    string Name,
    string Task,
    int Rows,
    int Columns,
    long NonZeros,
    string RelativePath,
    string Format,
    long Bytes,
    string Sha256,
    bool Synthetic,
    string Provenance);
