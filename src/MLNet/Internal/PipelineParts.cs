using Microsoft.ML;
using Microsoft.ML.Data;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// A fitted pipeline cut into what ML.NET's model format can hold and what it cannot: runs of ML.NET transformers (saved
/// by ML.NET itself) and OptSuite transformers (saved as OptSuite model JSON), in pipeline order, each with the schema
/// it reads. Nested transformer chains are flattened; their scopes are not kept (every part is restored with
/// TransformerScope.Everything, ML.NET's default).
/// </summary>
internal static class PipelineParts
{
    public sealed record Part(IReadOnlyList<ITransformer> MLNet, OptSuiteTransformer? OptSuite, DataViewSchema Input);

    /// <summary>The parts of <paramref name="model"/>; the first is always an ML.NET run (possibly empty), so the saved
    /// file records the pipeline's input schema as ML.NET saves it.</summary>
    public static List<Part> Split(ITransformer model, DataViewSchema inputSchema)
    {
        var parts = new List<Part>();
        var run = new List<ITransformer>();
        DataViewSchema schema = inputSchema, runInput = inputSchema;
        foreach (var t in Flatten(model))
        {
            if (t is OptSuiteTransformer o)
            {
                if (run.Count > 0 || parts.Count == 0) parts.Add(new Part(run, null, runInput));
                parts.Add(new Part([], o, schema));
                run = [];
                schema = o.GetOutputSchema(schema);
                runInput = schema;
                continue;
            }
            run.Add(t);
            schema = t.GetOutputSchema(schema);
        }
        if (run.Count > 0 || parts.Count == 0) parts.Add(new Part(run, null, runInput));
        return parts;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer model)
    {
        // TransformerChain<T> is the one ML.NET transformer that enumerates transformers.
        if (model is IEnumerable<ITransformer> chain)
        {
            foreach (var t in chain)
                foreach (var u in Flatten(t)) yield return u;
        }
        else yield return model;
    }

    /// <summary>The transformers of a loaded ML.NET part (ML.NET loads a chain).</summary>
    public static IEnumerable<ITransformer> Elements(ITransformer loaded) => Flatten(loaded);

    /// <summary>An ML.NET run as one transformer ML.NET can save.</summary>
    public static TransformerChain<ITransformer> Chain(IReadOnlyList<ITransformer> run) => new([.. run]);
}
