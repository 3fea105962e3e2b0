using Spectre.Console;
using SyncHub.Protocol.Http;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>
/// Turns the full device lists of successive presence updates into what changed, for <c>watch</c>: the first update is
/// shown whole, later ones as "signed in", "signed out", "online", "offline". Lines are Spectre markup. Not thread-safe.
/// </summary>
internal sealed class PresenceTracker(string? currentDeviceId)
{
    private Dictionary<string, DeviceInfo>? _known;

    public IReadOnlyList<string> Update(IReadOnlyList<DeviceInfo> devices)
    {
        var now = devices.GroupBy(d => d.DeviceId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var previous = _known;
        _known = now;
        if (previous is null)
        {
            var all = string.Join(", ", now.Values
                .OrderByDescending(d => DeviceTable.IsCurrent(d, currentDeviceId))
                .ThenBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
                .Select(d => $"{Name(d)} {(d.Online ? "online" : "offline")}"));
            return [$"{StatusText.Count(now.Count, "device")} signed in: {all}"];
        }

        var lines = new List<string>();
        foreach (var device in now.Values)
        {
            if (!previous.TryGetValue(device.DeviceId, out var before))
                lines.Add($"{Name(device)} [green]signed in[/]{(device.Online ? " and is online" : string.Empty)}");
            else if (device.Online != before.Online)
                lines.Add($"{Name(device)} {(device.Online ? "[green]online[/]" : "[grey]offline[/]")}");
        }
        foreach (var gone in previous.Values.Where(d => !now.ContainsKey(d.DeviceId)))
            lines.Add($"{Name(gone)} [red]signed out[/]");
        return lines;
    }

    private string Name(DeviceInfo device)
    {
        var text = $"'{Markup.Escape(device.Name)}' [grey]({Markup.Escape(device.DeviceId)})[/]";
        return DeviceTable.IsCurrent(device, currentDeviceId) ? $"{text} [blue](this device)[/]" : text;
    }
}
