using System.Net.Http;
using SyncHub.Client;
using SyncHub.Protocol;
using SyncHub.Protocol.Http;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>devices, devices rm: the account's signed-in devices, and signing one out from here.</summary>
internal static class DeviceCommands
{
    public static async Task<int> ListAsync(CommandContext ctx, bool json, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var session = client.Session!;
        IReadOnlyList<DeviceInfo> devices;
        try
        {
            devices = await client.GetDevicesAsync(cancellationToken);
        }
        catch (Exception e) when (IsUnreachable(e) && client.Devices.Count > 0)
        {
            // The shell's engine keeps the last presence the hub pushed: better than nothing while the hub is away.
            devices = client.Devices;
            await ctx.InformAsync("The hub cannot be reached: this is the last presence it sent, and may be out of date.");
        }

        if (json)
        {
            await ctx.WriteResultAsync(DeviceTable.ToJson(devices, session.DeviceId).ToJsonString(JsonOutput.Indented));
            return ExitCodes.Ok;
        }

        DeviceTable.Write(AnsiConsoleFactory.Create(ctx.Out, ctx.Console.UseColor), devices, session.DeviceId);
        await ctx.Out.FlushAsync(cancellationToken);
        var online = devices.Count(d => d.Online);
        await ctx.InformAsync($"{StatusText.Count(devices.Count, "device")} signed in, {online} online. Sign one out with 'synchub devices rm ID'.");
        return ExitCodes.Ok;
    }

    public static async Task<int> RemoveAsync(CommandContext ctx, string deviceId, CancellationToken cancellationToken)
    {
        var client = await ctx.GetSignedInClientAsync(cancellationToken);
        var session = client.Session!;
        if (string.Equals(deviceId, session.DeviceId, StringComparison.Ordinal))
        {
            // Signing ourselves out through the devices endpoint would revoke the token but leave the local copy behind.
            throw new CommandFailedException(ErrorCodes.InvalidRequest, $"{deviceId} is this device: use 'synchub logout' to sign it out.");
        }

        var devices = await client.GetDevicesAsync(cancellationToken);
        var device = devices.FirstOrDefault(d => string.Equals(d.DeviceId, deviceId, StringComparison.Ordinal))
            ?? throw new CommandFailedException(ErrorCodes.NotFound,
                $"No device '{deviceId}' is signed in to this account: run 'synchub devices' to see the ids.");

        await client.SignOutDeviceAsync(deviceId, cancellationToken);
        await ctx.InformAsync($"Signed out device {DeviceTable.Describe(device)}; its sign-in no longer works.");
        await ctx.InformAsync(device.Online
            ? "It was online: it was asked to send its pending changes first, then disconnected; whatever it could not send it keeps in a file in its profile."
            : "It was offline: it learns of it on its next connection, and keeps any unsent changes in a file in its profile.");
        return ExitCodes.Ok;
    }

    internal static bool IsUnreachable(Exception e) =>
        e is HttpRequestException || (e is SyncException s && s.Code is ErrorCodes.Unreachable or ErrorCodes.Timeout);
}
