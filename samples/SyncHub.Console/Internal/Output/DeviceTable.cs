using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using SyncHub.Protocol.Http;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>How the devices of an account read: a table for a person, a JSON array for a script.</summary>
internal static class DeviceTable
{
    public const string ThisDevice = "this device";

    /// <param name="currentDeviceId">This profile's device: marked, whatever the hub's <c>current</c> flag says (presence pushes never set it).</param>
    public static void Write(IAnsiConsole console, IReadOnlyList<DeviceInfo> devices, string? currentDeviceId)
    {
        // A device that is not signed in (login at the limit) is none of them: no marker column then.
        var marked = devices.Any(d => IsCurrent(d, currentDeviceId));
        var table = new Table { Border = TableBorder.Rounded };
        table.AddColumns("ID", "NAME", "SIGNED IN", "LAST SEEN", "ONLINE");
        if (marked) table.AddColumn(string.Empty);
        foreach (var device in Ordered(devices, currentDeviceId))
        {
            var current = IsCurrent(device, currentDeviceId);
            var cells = new List<Spectre.Console.Rendering.IRenderable>
            {
                new Text(device.DeviceId),
                new Markup(current ? $"[bold]{Markup.Escape(device.Name)}[/]" : Markup.Escape(device.Name)),
                new Text(Time(device.SignedInAt)),
                new Text(device.Online ? "now" : Time(device.LastSeenAt)),
                new Markup(device.Online ? "[green]online[/]" : "[grey]offline[/]"),
            };
            if (marked) cells.Add(new Markup(current ? $"[blue]<- {ThisDevice}[/]" : string.Empty));
            table.AddRow(cells);
        }
        console.Write(table);
    }

    public static JsonArray ToJson(IReadOnlyList<DeviceInfo> devices, string? currentDeviceId)
    {
        var array = new JsonArray();
        foreach (var device in Ordered(devices, currentDeviceId))
        {
            array.Add(new JsonObject
            {
                ["deviceId"] = device.DeviceId,
                ["name"] = device.Name,
                ["signedInAt"] = IsoTime(device.SignedInAt),
                ["lastSeenAt"] = IsoTime(device.LastSeenAt),
                ["online"] = device.Online,
                ["current"] = IsCurrent(device, currentDeviceId),
            });
        }
        return array;
    }

    /// <summary>"'phone' (id)" for messages.</summary>
    public static string Describe(DeviceInfo device) => $"'{device.Name}' ({device.DeviceId})";

    public static bool IsCurrent(DeviceInfo device, string? currentDeviceId) =>
        device.Current || (currentDeviceId is not null && string.Equals(device.DeviceId, currentDeviceId, StringComparison.Ordinal));

    // This device first, then the most recently seen, so the one to sign out is usually at the bottom.
    private static IEnumerable<DeviceInfo> Ordered(IReadOnlyList<DeviceInfo> devices, string? currentDeviceId) =>
        devices
            .OrderByDescending(d => IsCurrent(d, currentDeviceId))
            .ThenByDescending(d => d.Online)
            .ThenByDescending(d => d.LastSeenAt)
            .ThenBy(d => d.DeviceId, StringComparer.Ordinal);

    private static string Time(long unixMilliseconds) =>
        unixMilliseconds <= 0
            ? "-"
            : DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string? IsoTime(long unixMilliseconds) =>
        unixMilliseconds <= 0
            ? null
            : DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
