namespace OptSuite.Data;

/// <summary>
/// A parse error inside one chunk, with the line counted from the chunk's start; the reader turns it into a
/// <see cref="DataFormatException"/> once the lines of the earlier chunks are known.
/// </summary>
internal sealed class SvmlightSyntaxException(long line, long column, string problem, string? text) : Exception(problem)
{
    public long Line { get; } = line;
    public long Column { get; } = column;
    public string Problem { get; } = problem;
    public string? Text { get; } = text;

    public DataFormatException ToDataFormatException(string path, long firstLine) =>
        new(path, firstLine + Line, Column, Problem, Text);
}
