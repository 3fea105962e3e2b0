using SyncHub.Protocol.Http;

namespace SyncHub.Server.Workspaces;

/// <summary>What <see cref="WorkspaceImporter"/> did: the result, or the error (code, path, message) that stopped it, with nothing imported.</summary>
internal sealed record ImportOutcome(ImportResult? Result, ErrorResponse? Error);
