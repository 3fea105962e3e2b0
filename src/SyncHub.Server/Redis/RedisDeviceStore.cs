using System.Text.Json;
using StackExchange.Redis;
using SyncHub.Server.Storage;

namespace SyncHub.Server.Redis;

/// <summary>
/// Signed-in devices in Redis: each account's devices in one hash (<c>{a:ID}:devices</c>, one slot), so that the device
/// limit, a replacement, a revocation, a renewal and a touch are each one Lua script, atomic whichever node runs it. Two
/// global hashes find a device by id and by token hash. Only SHA-256 hashes of tokens are stored.
/// </summary>
/// <remarks>
/// The token index is written before the script and removed when the script refuses, so an index entry may briefly name a
/// device that is not (yet, or any more) stored with that hash: <see cref="FindByTokenHashAsync"/> checks the device's own
/// hash, so such an entry never authenticates.
/// </remarks>
internal sealed class RedisDeviceStore(RedisConnection redis) : IDeviceStore
{
    // Revokes the replaced device (if any), counts the active ones, and stores the new device under the limit.
    // KEYS[1] devices hash; ARGV: now, max, replaceId ('' for none), newId, newJson.
    private static readonly LuaScript SignInScript = LuaScript.Prepare("""
        local now = tonumber(@now)
        local replaced = nil
        local active = {}
        local all = redis.call('HGETALL', @devices)
        for i = 1, #all, 2 do
          local d = cjson.decode(all[i + 1])
          if d.revokedAt == nil and d.expiresAt > now then
            if all[i] == @replace then replaced = d else table.insert(active, all[i + 1]) end
          end
        end
        if @replace ~= '' and replaced == nil then return {'replaced_not_found'} end
        if #active >= tonumber(@max) then
          table.insert(active, 1, 'device_limit')
          return active
        end
        if replaced ~= nil then
          replaced.revokedAt = now
          replaced.revokedBy = @newId
          redis.call('HSET', @devices, @replace, cjson.encode(replaced))
        end
        redis.call('HSET', @devices, @newId, @newJson)
        return {'signed_in'}
        """);

    // KEYS[1] devices hash; ARGV: id, now, revokedBy ('' for itself). 1 when it was active and is now revoked.
    private static readonly LuaScript RevokeScript = LuaScript.Prepare("""
        local json = redis.call('HGET', @devices, @id)
        if not json then return 0 end
        local d = cjson.decode(json)
        if d.revokedAt ~= nil or d.expiresAt <= tonumber(@now) then return 0 end
        d.revokedAt = tonumber(@now)
        if @by ~= '' then d.revokedBy = @by end
        redis.call('HSET', @devices, @id, cjson.encode(d))
        return 1
        """);

    private static readonly LuaScript RenewScript = LuaScript.Prepare("""
        local json = redis.call('HGET', @devices, @id)
        if not json then return 0 end
        local d = cjson.decode(json)
        local now = tonumber(@now)
        if d.revokedAt ~= nil or d.expiresAt <= now or d.tokenHash ~= @current then return 0 end
        d.tokenHash = @new
        d.expiresAt = tonumber(@expires)
        if d.lastSeenAt < now then d.lastSeenAt = now end
        redis.call('HSET', @devices, @id, cjson.encode(d))
        return 1
        """);

    private static readonly LuaScript TouchScript = LuaScript.Prepare("""
        local json = redis.call('HGET', @devices, @id)
        if not json then return 0 end
        local d = cjson.decode(json)
        local seen = tonumber(@seen)
        if d.lastSeenAt >= seen then return 0 end
        d.lastSeenAt = seen
        redis.call('HSET', @devices, @id, cjson.encode(d))
        return 1
        """);

    public async Task<DeviceSignInResult> SignInAsync(DeviceRecord device, int maxDevices, string? replaceDeviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var db = redis.Database;
        var keys = redis.Keys;
        var hash = Convert.ToHexString(device.TokenHash);
        await db.HashSetAsync(keys.DeviceAccounts, device.DeviceId, device.AccountId).ConfigureAwait(false);
        await db.HashSetAsync(keys.DeviceTokens, hash, TokenEntry(device.AccountId, device.DeviceId)).ConfigureAwait(false);
        var answer = (RedisResult[])(await db.ScriptEvaluateAsync(SignInScript, new
        {
            devices = keys.AccountDevices(device.AccountId),
            now = device.CreatedAt.ToUnixTimeMilliseconds(),
            max = maxDevices,
            replace = replaceDeviceId ?? string.Empty,
            newId = device.DeviceId,
            newJson = Write(device),
        }).ConfigureAwait(false))!;
        var status = (string)answer[0]!;
        if (status == "signed_in") return DeviceSignInResult.SignedIn;

        await db.HashDeleteAsync(keys.DeviceTokens, hash).ConfigureAwait(false);
        await db.HashDeleteAsync(keys.DeviceAccounts, device.DeviceId).ConfigureAwait(false);
        if (status == "replaced_not_found") return DeviceSignInResult.ReplacedNotFound;
        var active = answer.Skip(1).Select(r => Read((string)r!)).OrderBy(d => d.CreatedAt).ThenBy(d => d.DeviceId, StringComparer.Ordinal).ToList();
        return new DeviceSignInResult(DeviceSignInStatus.DeviceLimit, active);
    }

    public async Task<IReadOnlyList<DeviceRecord>> GetActiveDevicesAsync(string accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var all = await redis.Database.HashValuesAsync(redis.Keys.AccountDevices(accountId)).ConfigureAwait(false);
        return [.. all.Select(v => Read((string)v!)).Where(d => d.IsActiveAt(now)).OrderBy(d => d.CreatedAt).ThenBy(d => d.DeviceId, StringComparer.Ordinal)];
    }

    public async Task<DeviceRecord?> FindDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        var db = redis.Database;
        var accountId = await db.HashGetAsync(redis.Keys.DeviceAccounts, deviceId).ConfigureAwait(false);
        if (accountId.IsNull) return null;
        var json = await db.HashGetAsync(redis.Keys.AccountDevices(accountId!), deviceId).ConfigureAwait(false);
        return json.IsNull ? null : Read(json!);
    }

    public async Task<DeviceRecord?> FindByTokenHashAsync(byte[] tokenHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        var db = redis.Database;
        var entry = await db.HashGetAsync(redis.Keys.DeviceTokens, Convert.ToHexString(tokenHash)).ConfigureAwait(false);
        if (entry.IsNull) return null;
        var (accountId, deviceId) = ReadTokenEntry(entry!);
        var json = await db.HashGetAsync(redis.Keys.AccountDevices(accountId), deviceId).ConfigureAwait(false);
        if (json.IsNull) return null;
        var device = Read(json!);
        return device.TokenHash.AsSpan().SequenceEqual(tokenHash) ? device : null;
    }

    public async Task<bool> RevokeAsync(string deviceId, string? revokedBy, DateTimeOffset revokedAt, CancellationToken cancellationToken)
    {
        var accountId = await redis.Database.HashGetAsync(redis.Keys.DeviceAccounts, deviceId).ConfigureAwait(false);
        if (accountId.IsNull) return false;
        var result = await redis.Database.ScriptEvaluateAsync(RevokeScript, new
        {
            devices = redis.Keys.AccountDevices(accountId!),
            id = deviceId,
            now = revokedAt.ToUnixTimeMilliseconds(),
            by = revokedBy ?? string.Empty,
        }).ConfigureAwait(false);
        return (int)result == 1;
    }

    public async Task<bool> RenewAsync(string deviceId, byte[] currentTokenHash, byte[] newTokenHash, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentTokenHash);
        ArgumentNullException.ThrowIfNull(newTokenHash);
        var db = redis.Database;
        var accountId = await db.HashGetAsync(redis.Keys.DeviceAccounts, deviceId).ConfigureAwait(false);
        if (accountId.IsNull) return false;
        var newHash = Convert.ToHexString(newTokenHash);
        await db.HashSetAsync(redis.Keys.DeviceTokens, newHash, TokenEntry(accountId!, deviceId)).ConfigureAwait(false);
        var renewed = (int)await db.ScriptEvaluateAsync(RenewScript, new
        {
            devices = redis.Keys.AccountDevices(accountId!),
            id = deviceId,
            current = Convert.ToHexString(currentTokenHash),
            @new = newHash,
            expires = expiresAt.ToUnixTimeMilliseconds(),
            now = now.ToUnixTimeMilliseconds(),
        }).ConfigureAwait(false) == 1;
        // The hash that no longer opens the device leaves the index: the old one after a renewal, the new one after a refusal.
        await db.HashDeleteAsync(redis.Keys.DeviceTokens, renewed ? Convert.ToHexString(currentTokenHash) : newHash).ConfigureAwait(false);
        return renewed;
    }

    public async Task TouchAsync(string deviceId, DateTimeOffset seenAt, CancellationToken cancellationToken)
    {
        var accountId = await redis.Database.HashGetAsync(redis.Keys.DeviceAccounts, deviceId).ConfigureAwait(false);
        if (accountId.IsNull) return;
        await redis.Database.ScriptEvaluateAsync(TouchScript, new
        {
            devices = redis.Keys.AccountDevices(accountId!),
            id = deviceId,
            seen = seenAt.ToUnixTimeMilliseconds(),
        }).ConfigureAwait(false);
    }

    private static RedisValue TokenEntry(string accountId, string deviceId) => $"{accountId} {deviceId}";

    private static (string AccountId, string DeviceId) ReadTokenEntry(string entry)
    {
        var space = entry.IndexOf(' ', StringComparison.Ordinal);
        return (entry[..space], entry[(space + 1)..]);
    }

    private static string Write(DeviceRecord device) => JsonSerializer.Serialize(new StoredDevice
    {
        Id = device.DeviceId,
        AccountId = device.AccountId,
        Name = device.Name,
        TokenHash = Convert.ToHexString(device.TokenHash),
        CreatedAt = device.CreatedAt.ToUnixTimeMilliseconds(),
        LastSeenAt = device.LastSeenAt.ToUnixTimeMilliseconds(),
        ExpiresAt = device.ExpiresAt.ToUnixTimeMilliseconds(),
        RevokedAt = device.RevokedAt?.ToUnixTimeMilliseconds(),
        RevokedBy = device.RevokedBy,
    }, RedisDeviceJsonContext.Default.StoredDevice);

    private static DeviceRecord Read(string json)
    {
        var d = JsonSerializer.Deserialize(json, RedisDeviceJsonContext.Default.StoredDevice)
            ?? throw new FormatException("A stored device is not a JSON object.");
        return new DeviceRecord(
            d.Id,
            d.AccountId,
            d.Name,
            Convert.FromHexString(d.TokenHash),
            DateTimeOffset.FromUnixTimeMilliseconds(d.CreatedAt),
            DateTimeOffset.FromUnixTimeMilliseconds(d.LastSeenAt),
            DateTimeOffset.FromUnixTimeMilliseconds(d.ExpiresAt),
            d.RevokedAt is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null)
        {
            RevokedBy = d.RevokedBy,
        };
    }
}
