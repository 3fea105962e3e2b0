using Microsoft.Extensions.Options;

namespace SyncHub.Server.Internal;

/// <summary>Refuses to start with settings that would break the hub, naming the setting at fault.</summary>
internal sealed class SyncHubOptionsValidator : IValidateOptions<SyncHubOptions>
{
    private static readonly System.Buffers.SearchValues<char> ForbiddenInPrefix = System.Buffers.SearchValues.Create("{}: \t\r\n");

    public ValidateOptionsResult Validate(string? name, SyncHubOptions options)
    {
        var failures = new List<string>();
        const string S = SyncHubOptions.SectionName;
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
            failures.Add($"{S}:DataDirectory must name a directory (env SyncHub__DataDirectory).");
        if (options.MaxBodyBytes is < 1024 or > 64 * 1024 * 1024)
            failures.Add($"{S}:MaxBodyBytes must be between 1024 and 67108864 (was {options.MaxBodyBytes}).");
        if (options.MaxBatchSize is < 1 or > 10_000)
            failures.Add($"{S}:MaxBatchSize must be between 1 and 10000 (was {options.MaxBatchSize}).");
        if (options.MaxMessageBytes < 32 * 1024)
            failures.Add($"{S}:MaxMessageBytes must be at least 32768 (was {options.MaxMessageBytes}).");
        else if (options.MaxMessageBytes < options.MaxBodyBytes)
            failures.Add($"{S}:MaxMessageBytes ({options.MaxMessageBytes}) must be at least {S}:MaxBodyBytes ({options.MaxBodyBytes}).");
        if (options.PageSize is < 1 or > 100_000)
            failures.Add($"{S}:PageSize must be between 1 and 100000 (was {options.PageSize}).");
        if (options.TokenLifetime <= TimeSpan.Zero)
            failures.Add($"{S}:TokenLifetime must be positive (was {options.TokenLifetime}).");
        if (options.CommitBatchSize is < 1 or > 100_000)
            failures.Add($"{S}:CommitBatchSize must be between 1 and 100000 (was {options.CommitBatchSize}).");
        if (options.MinPasswordLength is < 1 or > 1024)
            failures.Add($"{S}:MinPasswordLength must be between 1 and 1024 (was {options.MinPasswordLength}).");
        if (options.MaxDevicesPerAccount is < 1 or > 1000)
            failures.Add($"{S}:MaxDevicesPerAccount must be between 1 and 1000 (was {options.MaxDevicesPerAccount}).");
        if (options.RemoteSignOutGrace < TimeSpan.Zero || options.RemoteSignOutGrace > TimeSpan.FromMinutes(10))
            failures.Add($"{S}:RemoteSignOutGrace must be between 00:00:00 and 00:10:00 (was {options.RemoteSignOutGrace}).");
        if (options.MaxWorkspacesPerAccount is < 0 or > 1_000_000)
            failures.Add($"{S}:MaxWorkspacesPerAccount must be between 0 and 1000000 (was {options.MaxWorkspacesPerAccount}).");
        if (options.MaxImportBytes is < 1024 or > 1024L * 1024 * 1024)
            failures.Add($"{S}:MaxImportBytes must be between 1024 and 1073741824 (was {options.MaxImportBytes}).");
        if (options.ChangeLogRetention < 1)
            failures.Add($"{S}:ChangeLogRetention must be at least 1 (was {options.ChangeLogRetention}).");
        if (options.Redis is not null)
        {
            if (string.IsNullOrWhiteSpace(options.Redis))
                failures.Add($"{S}:Redis must be a StackExchange.Redis configuration string such as 'localhost:6379', or unset for the SQLite store.");
            else
            {
                try
                {
                    _ = StackExchange.Redis.ConfigurationOptions.Parse(options.Redis);
                }
                catch (ArgumentException ex)
                {
                    failures.Add($"{S}:Redis is not a valid StackExchange.Redis configuration string ({ex.Message}).");
                }
            }
        }
        if (string.IsNullOrWhiteSpace(options.RedisPrefix) || options.RedisPrefix.AsSpan().IndexOfAny(ForbiddenInPrefix) >= 0)
            failures.Add($"{S}:RedisPrefix must be a non-empty name without braces, colons or spaces (was '{options.RedisPrefix}').");
        if (options.NodeHeartbeatInterval < TimeSpan.FromMilliseconds(10) || options.NodeHeartbeatInterval > TimeSpan.FromMinutes(5))
            failures.Add($"{S}:NodeHeartbeatInterval must be between 00:00:00.010 and 00:05:00 (was {options.NodeHeartbeatInterval}).");
        else if (options.NodeTimeout < 2 * options.NodeHeartbeatInterval || options.NodeTimeout > TimeSpan.FromHours(1))
            failures.Add($"{S}:NodeTimeout must be at least twice {S}:NodeHeartbeatInterval ({options.NodeHeartbeatInterval}) and at most 01:00:00 (was {options.NodeTimeout}).");
        var signIn = options.SignIn;
        if (signIn is null)
        {
            failures.Add($"{S}:SignIn must not be empty.");
        }
        else
        {
            if (signIn.PermitsPerLogin < 1)
                failures.Add($"{S}:SignIn:PermitsPerLogin must be at least 1 (was {signIn.PermitsPerLogin}).");
            if (signIn.PermitsPerAddress < 1)
                failures.Add($"{S}:SignIn:PermitsPerAddress must be at least 1 (was {signIn.PermitsPerAddress}).");
            if (signIn.Window <= TimeSpan.Zero)
                failures.Add($"{S}:SignIn:Window must be positive (was {signIn.Window}).");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
