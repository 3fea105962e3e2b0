using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SyncHub.LoadTest.Internal;

/// <summary>
/// The accounts of earlier runs (state.json in the state directory), so a run can reuse them and their device profiles
/// instead of paying for registrations and sign-ins again. The passwords are random and only ever used by this tool.
/// </summary>
internal sealed class LoadState
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Tag { get; set; } = string.Empty;

    public List<string> Urls { get; set; } = [];

    public List<LoadAccount> Accounts { get; set; } = [];

    [JsonIgnore]
    public string Directory { get; private set; } = string.Empty;

    private string FilePath => Path.Combine(Directory, "state.json");

    public string ProfileOf(int account, int device) => Path.Combine(Directory, "devices", $"a{account}-d{device}");

    /// <summary>Opens the state of <paramref name="directory"/>, or starts a new one; refuses a state made for other hub URLs.</summary>
    public static LoadState Open(string directory, IReadOnlyList<Uri> urls)
    {
        System.IO.Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "state.json");
        var wanted = urls.Select(u => u.ToString()).Order(StringComparer.Ordinal).ToList();
        if (File.Exists(path))
        {
            LoadState? state;
            try
            {
                state = JsonSerializer.Deserialize<LoadState>(File.ReadAllText(path), Json);
            }
            catch (JsonException ex)
            {
                throw new LoadException($"{path} is not a state this tool wrote ({ex.Message}); delete it or pass another --state.");
            }
            if (state is null) throw new LoadException($"{path} is empty; delete it or pass another --state.");
            if (!state.Urls.Order(StringComparer.Ordinal).SequenceEqual(wanted, StringComparer.Ordinal))
                throw new LoadException($"{path} holds accounts of other hub URLs ({string.Join(", ", state.Urls)}); pass another --state for these.");
            state.Directory = directory;
            return state;
        }
        return new LoadState { Tag = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3)), Urls = wanted, Directory = directory };
    }

    /// <summary>The account at <paramref name="index"/>, made up (not yet registered) when the state has none there.</summary>
    public LoadAccount AccountAt(int index, string prefix)
    {
        lock (Accounts)
        {
            while (Accounts.Count <= index)
            {
                var n = Accounts.Count;
                Accounts.Add(new LoadAccount
                {
                    Username = $"{prefix}-{Tag}-{n}",
                    Password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_'),
                });
            }
            return Accounts[index];
        }
    }

    /// <summary>Writes the state (replacing the file in one step, so a crash leaves the old or the new one).</summary>
    public void Save()
    {
        lock (Accounts)
        {
            var temp = FilePath + ".tmp";
            File.WriteAllText(temp, JsonSerializer.Serialize(this, Json));
            File.Move(temp, FilePath, overwrite: true);
        }
    }
}
