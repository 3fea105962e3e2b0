namespace SyncHub.Postman;

/// <summary>
/// A file that is not a Postman file the reader can import, with where it goes wrong. Nothing of such a file is
/// imported: the reader returns all its entities or none.
/// </summary>
public sealed class PostmanFormatException : Exception
{
    /// <summary>Creates the error for <paramref name="path"/>.</summary>
    public PostmanFormatException(string path, string message)
        : base($"{path}: {message}")
    {
        Path = path;
        Reason = message;
    }

    /// <summary>Creates the error for <paramref name="path"/> with its cause.</summary>
    public PostmanFormatException(string path, string message, Exception innerException)
        : base($"{path}: {message}", innerException)
    {
        Path = path;
        Reason = message;
    }

    /// <summary>Not used; a path is always known.</summary>
    public PostmanFormatException() : this("$", "The file is not a Postman file.") { }

    /// <summary>Not used; a path is always known.</summary>
    public PostmanFormatException(string message) : this("$", message) { }

    /// <summary>Not used; a path is always known.</summary>
    public PostmanFormatException(string message, Exception innerException) : this("$", message, innerException) { }

    /// <summary>The JSON path of the value that is wrong, e.g. <c>$.item[3].request.url</c> (<c>$</c> for the whole file).</summary>
    public string Path { get; }

    /// <summary>What is wrong, for a person, without the path.</summary>
    public string Reason { get; }

    /// <summary>What kind of problem it is: one of <see cref="PostmanErrorCodes"/> (<see cref="PostmanErrorCodes.InvalidValue"/> unless set).</summary>
    public string Code { get; init; } = PostmanErrorCodes.InvalidValue;
}
