using OptSuite.Data;
using OptSuite.Data.IO;

namespace OptSuite.Cli.Commands;

/// <summary>
/// The checks on files named on the command line, made before any work: inputs exist and are files; outputs can be
/// written (<see cref="AtomicFile.CheckWritable"/>) and are none of the inputs (same device and inode, so hard and
/// symbolic links count). Every failure is a <see cref="UsageException"/> naming the option and the file.
/// </summary>
internal static class CliFiles
{
    /// <summary>An option and the file it names.</summary>
    public readonly record struct Named(string Option, string Path);

    /// <summary>
    /// A data file named on the command line: the path itself when something is there; else, for a relative name, the
    /// file of that name under a dataset root, as the library's <see cref="DatasetLocator"/> finds it (<c>OPTSUITE_DATA</c>,
    /// the repository's datasets/, ../shared/datasets), so <c>--data binary/a9a.xz</c> works from any folder; else the
    /// path unchanged, for <see cref="RequireInput"/> to report.
    /// </summary>
    /// <param name="path">What the user typed.</param>
    public static string ResolveData(string path)
    {
        if (File.Exists(path) || Directory.Exists(path) || Path.IsPathRooted(path)) return path;
        return DatasetLocator.TryFind(path, out string found) ? found : path;
    }

    /// <summary>Requires <paramref name="path"/> to be an existing file: not a directory, and not a pipe or socket, which
    /// the readers cannot use (they seek to detect the format and compression).</summary>
    /// <param name="option">The option, e.g. <c>--data</c>.</param>
    /// <param name="path">The file named.</param>
    /// <param name="what">What the file holds, for "Data file not found: ...".</param>
    public static void RequireInput(string option, string path, string what = "Data")
    {
        FileKind kind;
        try
        {
            kind = FileStatus.Of(path).Kind;
        }
        catch (IOException e)
        {
            throw new UsageException($"{option} {path}: {e.Message}");
        }
        if (kind == FileKind.Directory) throw new UsageException($"{option} {path} is a directory, not a file.");
        if (kind is FileKind.Fifo or FileKind.Socket)
            throw new UsageException($"{option} {path} is a pipe, not a file; the readers need a file they can seek in (save the data to a file first).");
        if (kind == FileKind.Missing) throw new FileNotFoundException($"{what} file not found: {path}", path);
    }

    /// <summary>Reads svmlight data named by <paramref name="option"/> (after <see cref="RequireInput"/>).</summary>
    /// <remarks>The reader's advice for a multi-label file names a C# method; a CLI user is told the command instead.</remarks>
    public static SvmlightDataset ReadSvmlight(string option, string path, SvmlightReaderOptions? options = null, string what = "Data")
    {
        RequireInput(option, path, what);
        return OnMultiLabel(() => SvmlightReader.Read(path, options));
    }

    /// <summary>Runs a single-label read; a multi-label line is an error that says which model fits such data.</summary>
    public static SvmlightDataset OnMultiLabel(Func<SvmlightDataset> read)
    {
        try
        {
            return read();
        }
        catch (DataFormatException e) when (SvmlightReader.IsMultiLabelError(e))
        {
            throw new DataFormatException(e.FilePath, e.Line, e.Column,
                "multi-label line (comma-separated labels); 'optsuite fit --model multitask-lasso' fits multi-label data, the other models take one label per row",
                e.OffendingText, e);
        }
    }

    /// <summary>
    /// Runs a fit or score on the data of <paramref name="option"/>: an <see cref="ArgumentException"/> about the features
    /// or labels (the library's <c>x</c>, <c>y</c>) is reported as a problem of that file.
    /// </summary>
    public static T OnData<T>(string option, string path, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ArgumentException e) when (e.ParamName is "x" or "y" or "sampleWeight" or "time" or "status")
        {
            throw new UsageException($"{option} {path}: {CommandRunner.Message(e)}");
        }
    }

    /// <summary>As <see cref="OnData{T}"/>, for work without a result.</summary>
    public static void OnData(string option, string path, Action work) => OnData(option, path, () =>
    {
        work();
        return 0;
    });

    /// <summary>Requires data that is scored (test data) to have rows, before any fit.</summary>
    public static void RequireRows(string option, string path, long rows)
    {
        if (rows == 0) throw new UsageException($"{option} {path} has no rows; there is nothing to score.");
    }

    /// <summary>Checks every output before the work that produces it; see the type's summary.</summary>
    public static void CheckOutputs(IEnumerable<Named> outputs, IEnumerable<Named> inputs)
    {
        var read = inputs.Select(i => (i.Option, i.Path, Status: FileStatus.Of(i.Path))).ToList();
        foreach (var output in outputs)
        {
            var status = Guard(output, () => FileStatus.Of(output.Path));
            if (status.Kind == FileKind.Regular)
                foreach (var input in read)
                    if (status.IsSameFileAs(input.Status))
                        throw new UsageException($"{output.Option} {output.Path} is the same file as {input.Option} {input.Path}; writing it would destroy the input.");
            Guard(output, () => { AtomicFile.CheckWritable(output.Path); return 0; });
        }
    }

    private static T Guard<T>(Named output, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException(e is UnauthorizedAccessException
                ? $"{output.Option} {output.Path} cannot be written: permission denied."
                : $"{output.Option}: {e.Message}");
        }
    }
}
