using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.ML;
using Microsoft.ML.Data;
using OptSuite.Models;

namespace OptSuite.MLNet.Internal;

/// <summary>
/// The file <c>SaveWithOptSuite</c> writes: a zip holding <c>pipeline.json</c> (the format, its version and the parts in
/// pipeline order), each run of ML.NET transformers as the zip ML.NET's <c>Model.Save</c> writes (<c>part-N.mlnet.zip</c>;
/// the first records the pipeline's input schema), and each OptSuite model as OptSuite's own model JSON
/// (<c>part-N.model.json</c>, which <c>LinearEstimator.Load</c> and <c>optsuite predict</c> also read) with, in
/// pipeline.json, the columns it scores: the task, the feature column, and for multiclass the label's key count and values.
/// </summary>
internal static class ModelArchive
{
    public const string Format = "optsuite.mlnet-pipeline";
    public const int Version = 1;
    private const string Manifest = "pipeline.json";

    public static void Save(ModelOperationsCatalog catalog, ITransformer model, DataViewSchema inputSchema, Stream stream)
    {
        var parts = PipelineParts.Split(model, inputSchema);
        var list = new JsonArray();
        using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
        for (int i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            if (part.OptSuite is { } o)
            {
                string entry = $"part-{i}.model.json";
                using (var s = zip.CreateEntry(entry, CompressionLevel.Optimal).Open()) o.Estimator.Save(s);
                list.Add(Describe(o, entry));
                continue;
            }
            string name = $"part-{i}.mlnet.zip";
            // ML.NET writes a zip of its own; it is stored as is (already compressed).
            var buffer = new MemoryStream();
            catalog.Save(PipelineParts.Chain(part.MLNet), part.Input, buffer);
            using (var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open()) s.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            list.Add(new JsonObject { ["kind"] = "mlnet", ["entry"] = name });
        }
        var manifest = new JsonObject { ["format"] = Format, ["version"] = Version, ["parts"] = list };
        using (var s = zip.CreateEntry(Manifest).Open()) JsonSerializer.Serialize(s, manifest);
    }

    public static ITransformer Load(ModelOperationsCatalog catalog, Stream stream, string source, out DataViewSchema inputSchema)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"{source} is not a model saved by SaveWithOptSuite (not a zip file: {e.Message}).", e);
        }
        using (zip)
        {
            var manifest = ReadManifest(zip, source);
            var transformers = new List<ITransformer>();
            DataViewSchema? schema = null;
            foreach (var node in manifest["parts"]!.AsArray())
            {
                var part = node!.AsObject();
                string entry = Text(part, "entry", source);
                var file = zip.GetEntry(entry) ?? throw new InvalidDataException($"{source}: the part '{entry}' named in {Manifest} is missing.");
                using var content = new MemoryStream();
                using (var s = file.Open()) s.CopyTo(content);
                content.Position = 0;
                if (Text(part, "kind", source) == "mlnet")
                {
                    var loaded = catalog.Load(content, out var partSchema);
                    schema ??= partSchema;
                    transformers.AddRange(PipelineParts.Elements(loaded));
                }
                else transformers.Add(Rebuild(part, LinearEstimator.Load(content, $"{source}:{entry}"), source));
            }
            inputSchema = schema ?? throw new InvalidDataException($"{source}: {Manifest} lists no ML.NET part, so the input schema is unknown.");
            return new TransformerChain<ITransformer>([.. transformers]);
        }
    }

    private static JsonObject Describe(OptSuiteTransformer o, string entry)
    {
        var part = new JsonObject { ["kind"] = "optsuite", ["entry"] = entry, ["feature_column"] = o.FeatureColumnName, ["task"] = o.Task };
        if (o.OffsetColumnName is { } offset) part["offset_column"] = offset;
        o.Describe(part);
        return part;
    }

    private static OptSuiteTransformer Rebuild(JsonObject part, LinearEstimator model, string source)
    {
        string task = Text(part, "task", source), features = Text(part, "feature_column", source);
        // The transformer's type argument is the saved model's type, so a loaded transformer casts as the fitted one did
        // (OptSuiteBinaryTransformer<LogisticRegression>).
        string factory = task switch
        {
            "binary" when model is LinearClassifier => nameof(MakeBinary),
            "multiclass" when model is LinearClassifier => nameof(MakeMulticlass),
            "regression" when model is LinearRegressor => nameof(MakeRegression),
            _ => throw new InvalidDataException($"{source}: a {model.GetType().Name} cannot make a '{task}' transformer."),
        };
        // offset_column: absent for a model fitted without offsets (and in files written before it existed).
        string? offset = part["offset_column"] is JsonValue v && v.TryGetValue(out string? name) ? name : null;
        object?[] args = task == "multiclass" ? [model, features, part] : [model, features, offset];
        var method = typeof(ModelArchive).GetMethod(factory, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(model.GetType());
        try
        {
            return (OptSuiteTransformer)method.Invoke(null, args)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidDataException($"{source}: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static OptSuiteTransformer MakeBinary<TModel>(TModel model, string features, string? offset) where TModel : LinearClassifier =>
        new OptSuiteBinaryTransformer<TModel>(model, features, offset);

    private static OptSuiteTransformer MakeRegression<TModel>(TModel model, string features, string? offset) where TModel : LinearRegressor =>
        new OptSuiteRegressionTransformer<TModel>(model, features, offset);

    private static OptSuiteTransformer MakeMulticlass<TModel>(TModel model, string features, JsonObject part) where TModel : LinearClassifier
    {
        var (count, names) = OptSuiteMulticlassTransformer<TModel>.ReadPart(part);
        return new OptSuiteMulticlassTransformer<TModel>(model, features, count, names);
    }

    private static JsonObject ReadManifest(ZipArchive zip, string source)
    {
        var entry = zip.GetEntry(Manifest) ?? throw new InvalidDataException($"{source} has no {Manifest}: it was not saved by SaveWithOptSuite (a file of mlContext.Model.Save loads with mlContext.Model.Load).");
        JsonObject manifest;
        try
        {
            using var s = entry.Open();
            manifest = JsonNode.Parse(s)?.AsObject() ?? throw new InvalidDataException($"{source}: {Manifest} is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: {Manifest} is not valid JSON ({e.Message}).", e);
        }
        if (Text(manifest, "format", source) != Format) throw new InvalidDataException($"{source}: {Manifest} is not an {Format} manifest.");
        int version = manifest["version"]?.GetValue<int>() ?? 0;
        if (version != Version) throw new InvalidDataException($"{source}: version {version} of {Format}; this OptSuite.MLNet reads version {Version}.");
        if (manifest["parts"] is not JsonArray) throw new InvalidDataException($"{source}: {Manifest} has no parts.");
        return manifest;
    }

    private static string Text(JsonObject node, string name, string source) =>
        node[name] is JsonValue v && v.TryGetValue(out string? s) ? s : throw new InvalidDataException($"{source}: '{name}' is missing from {Manifest}.");
}
