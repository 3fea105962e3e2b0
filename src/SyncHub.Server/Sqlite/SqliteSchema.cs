namespace SyncHub.Server.Sqlite;

/// <summary>The tables of the SQLite store. Times are Unix milliseconds.</summary>
/// <remarks>
/// <c>entities</c> and <c>mutations</c> are WITHOUT ROWID, clustered by their key, so an insert dirties one
/// B-tree instead of a table and its key index; an entity row is small because its body is stored once, in
/// the change that made it (<c>entities.seq</c> points at it). <c>changes</c> stays a rowid table: its rows
/// (with the body) are appended, so the rows of one commit share pages; as a WITHOUT ROWID table clustered by
/// workspace each one dirtied its own leaf and split it often (measured: ~33 KB written to storage per change instead of ~23).
/// The head seq of a workspace is not stored: it is MAX(seq) of its changes (one seek on the key index), which
/// a reader sees in the same snapshot as the changes.
/// <c>change_log_floors</c> holds, per workspace, the newest seq the change-log pruner may have removed
/// (SqliteChangeLogRetention); <c>devices.revoked_by</c> names the device that signed another one out.
/// <c>changes.cascade</c> (version 4) lists the descendants a delete took with it (SqliteCascadeColumn); null otherwise.
/// </remarks>
internal static class SqliteSchema
{
    public const int Version = 4;

    public const string Create = """
        CREATE TABLE IF NOT EXISTS accounts (
            id TEXT NOT NULL PRIMARY KEY,
            username TEXT NOT NULL,
            username_norm TEXT NOT NULL UNIQUE,
            email TEXT NOT NULL,
            email_norm TEXT NOT NULL UNIQUE,
            password_hash TEXT NOT NULL,
            personal_workspace_id TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS workspaces (
            id TEXT NOT NULL PRIMARY KEY,
            name TEXT NOT NULL,
            owner_account_id TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS workspace_members (
            workspace_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            role TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, account_id)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ix_workspace_members_account ON workspace_members (account_id);
        CREATE TABLE IF NOT EXISTS devices (
            id TEXT NOT NULL PRIMARY KEY,
            account_id TEXT NOT NULL,
            name TEXT NOT NULL,
            token_hash BLOB NOT NULL UNIQUE,
            created_at INTEGER NOT NULL,
            last_seen_at INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            revoked_at INTEGER NULL,
            revoked_by TEXT NULL
        );
        CREATE INDEX IF NOT EXISTS ix_devices_account ON devices (account_id);
        CREATE TABLE IF NOT EXISTS entities (
            workspace_id TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            parent_id TEXT NULL,
            version INTEGER NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            seq INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, entity_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS changes (
            workspace_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            op TEXT NOT NULL,
            kind TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            parent_id TEXT NULL,
            body TEXT NULL,
            version INTEGER NOT NULL,
            mutation_id TEXT NOT NULL,
            device_id TEXT NOT NULL,
            timestamp INTEGER NOT NULL,
            cascade TEXT NULL,
            PRIMARY KEY (workspace_id, seq)
        );
        CREATE TABLE IF NOT EXISTS mutations (
            workspace_id TEXT NOT NULL,
            mutation_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            version INTEGER NOT NULL,
            PRIMARY KEY (workspace_id, mutation_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS change_log_floors (
            workspace_id TEXT NOT NULL PRIMARY KEY,
            pruned_seq INTEGER NOT NULL
        ) WITHOUT ROWID;
        PRAGMA user_version = 4;
        """;
}
