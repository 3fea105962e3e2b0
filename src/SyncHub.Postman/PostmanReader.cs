namespace SyncHub.Postman;

/// <summary>Reads Postman files (collections v2.1.0, v2.0.0 and v1, environments, globals, data dumps) into workspace entities.</summary>
public static class PostmanReader
{
    /// <summary>
    /// Reads one file, recognising its encoding (UTF-8 with or without a BOM, UTF-16 with a BOM) and its kind from its
    /// content. Every entity gets a new id, so reading the same file twice gives two copies.
    /// </summary>
    /// <exception cref="PostmanFormatException">The file is not JSON, not a Postman file, or holds a value the hub would refuse; nothing is returned.</exception>
    public static PostmanImport Read(ReadOnlySpan<byte> file, PostmanReadOptions? options = null) =>
        Internal.FileReader.Read(file, options ?? new PostmanReadOptions());

    /// <summary>Reads one file from <paramref name="stream"/>; see <see cref="Read(ReadOnlySpan{byte}, PostmanReadOptions?)"/>.</summary>
    public static async Task<PostmanImport> ReadAsync(Stream stream, PostmanReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), options);
    }
}
