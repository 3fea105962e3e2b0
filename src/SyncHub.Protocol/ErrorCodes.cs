namespace SyncHub.Protocol;

/// <summary>Stable error codes. Clients branch on these, never on messages.</summary>
public static class ErrorCodes
{
    /// <summary>No token, or a token that is unknown, expired or revoked.</summary>
    public const string Unauthorized = "unauthorized";
    /// <summary>The workspace or entity belongs to someone else.</summary>
    public const string Forbidden = "forbidden";
    /// <summary>The entity, workspace or device does not exist (or is deleted).</summary>
    public const string NotFound = "not_found";
    /// <summary>The body is JSON but does not describe a valid entity of its kind.</summary>
    public const string InvalidEntity = "invalid_entity";
    /// <summary>The body is not a JSON object.</summary>
    public const string MalformedBody = "malformed_body";
    /// <summary>The entity kind is not one the hub knows.</summary>
    public const string UnknownKind = "unknown_kind";
    /// <summary>The parent does not exist in the workspace, or cannot hold this kind.</summary>
    public const string InvalidParent = "invalid_parent";
    /// <summary>A body, batch or request is larger than the hub accepts.</summary>
    public const string PayloadTooLarge = "payload_too_large";
    /// <summary>The request itself is malformed (missing ids, unknown op, bad cursor, ...).</summary>
    public const string InvalidRequest = "invalid_request";
    /// <summary>An entity with this id already exists in the workspace.</summary>
    public const string AlreadyExists = "already_exists";
    /// <summary>The entity changed since the base version of the edit.</summary>
    public const string Conflict = "conflict";
    /// <summary>Too many requests; retry after the interval the response names.</summary>
    public const string RateLimited = "rate_limited";
    /// <summary>The account already has the maximum number of devices signed in.</summary>
    public const string DeviceLimit = "device_limit";
    /// <summary>The hub cannot reach its store right now; retry later. Transient.</summary>
    public const string Unavailable = "unavailable";
    /// <summary>The hub did not answer in time. Transient.</summary>
    public const string Timeout = "timeout";
    /// <summary>The username or email is taken.</summary>
    public const string AccountExists = "account_exists";
    /// <summary>The account is already a member of the workspace.</summary>
    public const string MemberExists = "member_exists";
    /// <summary>The login or password is wrong (never says which).</summary>
    public const string InvalidCredentials = "invalid_credentials";
    /// <summary>The password is too short.</summary>
    public const string WeakPassword = "weak_password";
    /// <summary>The cursor is older than the hub's retained change log: fetch a snapshot (<see cref="HubMethods.StreamSnapshot"/>).</summary>
    public const string SnapshotRequired = "snapshot_required";
    /// <summary>Client side: signing out would lose changes that could not be sent; sign out with force to save them to a file.</summary>
    public const string UnsentChanges = "unsent_changes";
    /// <summary>Client side: this device was signed out (from another device, or its account's sessions were revoked).</summary>
    public const string SignedOut = "signed_out";
    /// <summary>Client side: the outbox cannot drain while connected.</summary>
    public const string OutboxStalled = "outbox_stalled";
    /// <summary>Client side: the hub could not be reached.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>The account owns as many team workspaces as the hub allows (<c>SyncHub:MaxWorkspacesPerAccount</c>).</summary>
    public const string WorkspaceLimit = "workspace_limit";

    /// <summary>An imported file is not JSON, not a Postman file, or holds a value the hub would refuse; the error names the JSON path. Nothing of it was imported.</summary>
    public const string InvalidFile = "invalid_file";

    /// <summary>Whether a mutation refused with <paramref name="code"/> may succeed if sent again unchanged.</summary>
    public static bool IsTransient(string? code) => code is Unavailable or Timeout or RateLimited;
}
