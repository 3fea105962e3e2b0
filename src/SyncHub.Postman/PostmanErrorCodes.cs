namespace SyncHub.Postman;

/// <summary>Values of <see cref="PostmanFormatException.Code"/>: what kind of problem a file has, stable for programs to act on.</summary>
public static class PostmanErrorCodes
{
    /// <summary>The file is not JSON (or repeats a member name in one object).</summary>
    public const string NotJson = "not_json";

    /// <summary>The file is JSON but no Postman collection, environment, globals export or data dump.</summary>
    public const string NotPostman = "not_postman";

    /// <summary>A Postman member is missing or has a value of the wrong type.</summary>
    public const string InvalidValue = "invalid_value";

    /// <summary>An entity would be larger than <see cref="PostmanReadOptions.MaxBodyBytes"/> (the hub's <c>payload_too_large</c>).</summary>
    public const string PayloadTooLarge = SyncHub.Protocol.ErrorCodes.PayloadTooLarge;

    /// <summary>An entity would be refused by <see cref="SyncHub.Protocol.EntityValidator"/> (the hub's <c>invalid_entity</c>).</summary>
    public const string InvalidEntity = SyncHub.Protocol.ErrorCodes.InvalidEntity;
}
