using Microsoft.ML;
using OptSuite.MLNet.Internal;

namespace OptSuite.MLNet;

/// <summary>
/// Saving and loading fitted pipelines that hold OptSuite transformers: <c>mlContext.Model.SaveWithOptSuite(model,
/// schema, path)</c> and <c>mlContext.Model.LoadWithOptSuite(path, out schema)</c>, the counterparts of ML.NET's
/// <c>Save</c> and <c>Load</c> (which cannot hold them: see <see cref="OptSuiteTransformer"/>).
/// </summary>
/// <remarks>
/// The file is a zip: every run of ML.NET transformers is saved by ML.NET's own <c>Model.Save</c> (so featurisers,
/// normalisers and key mappings round-trip exactly as ML.NET saves them), every OptSuite model as OptSuite's model JSON
/// (coefficients in round-trip form: a loaded model scores exactly as the saved one), and <c>pipeline.json</c> lists the
/// parts in order with the columns each OptSuite model scores. Loading gives a <c>TransformerChain&lt;ITransformer&gt;</c>
/// of the same transformers (nested chains flattened; transformer scopes are not kept). A pipeline without OptSuite
/// transformers saves and loads too.
/// </remarks>
public static class OptSuiteModelOperations
{
    /// <summary>Saves a fitted pipeline (any <see cref="ITransformer"/>, OptSuite transformers anywhere in it) to a file,
    /// atomically: a temporary file beside it is written, then renamed over it.</summary>
    /// <param name="catalog">mlContext.Model.</param>
    /// <param name="model">The fitted pipeline.</param>
    /// <param name="inputSchema">The schema of the data the pipeline reads (as for <c>mlContext.Model.Save</c>).</param>
    /// <param name="filePath">The file to write.</param>
    public static void SaveWithOptSuite(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, string filePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        string full = Path.GetFullPath(filePath);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write)) SaveWithOptSuite(catalog, model, inputSchema, stream);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Saves a fitted pipeline to a stream (left open).</summary>
    /// <param name="catalog">mlContext.Model.</param>
    /// <param name="model">The fitted pipeline.</param>
    /// <param name="inputSchema">The schema of the data the pipeline reads.</param>
    /// <param name="stream">The destination.</param>
    public static void SaveWithOptSuite(this ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputSchema);
        ArgumentNullException.ThrowIfNull(stream);
        ModelArchive.Save(catalog, model, inputSchema, stream);
    }

    /// <summary>Loads a pipeline saved by <see cref="SaveWithOptSuite(ModelOperationsCatalog, ITransformer, DataViewSchema, string)"/>;
    /// a file that is not one is an <see cref="InvalidDataException"/> naming it.</summary>
    /// <param name="catalog">mlContext.Model.</param>
    /// <param name="filePath">The saved file.</param>
    /// <param name="inputSchema">The schema of the data the pipeline reads, as saved.</param>
    public static ITransformer LoadWithOptSuite(this ModelOperationsCatalog catalog, string filePath, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentException.ThrowIfNullOrEmpty(filePath);
        using var stream = File.OpenRead(filePath);
        return ModelArchive.Load(catalog, stream, filePath, out inputSchema);
    }

    /// <summary>Loads a pipeline from a stream holding what <see cref="SaveWithOptSuite(ModelOperationsCatalog, ITransformer, DataViewSchema, Stream)"/>
    /// wrote (it must be seekable, as for ML.NET's <c>Load</c>; left open).</summary>
    /// <param name="catalog">mlContext.Model.</param>
    /// <param name="stream">The saved bytes.</param>
    /// <param name="inputSchema">The schema of the data the pipeline reads, as saved.</param>
    public static ITransformer LoadWithOptSuite(this ModelOperationsCatalog catalog, Stream stream, out DataViewSchema inputSchema)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(stream);
        return ModelArchive.Load(catalog, stream, "<stream>", out inputSchema);
    }
}
