using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SyncHub.Client.TestSupport;
using SyncHub.Protocol;
using SyncHub.Testing;
using Xunit.Abstractions;

namespace SyncHub.Client.IntegrationTests;

/// <summary>
/// Seeded random schedules against one real hub: every device ends holding exactly the hub's state, and every local
/// edit either landed or is held (as a conflict, or failed because its parent was deleted meanwhile). A failure names
/// its seed; <c>SYNCHUB_CONVERGENCE_SEED=N SYNCHUB_CONVERGENCE_SCHEDULES=1</c> replays it, and
/// <c>SYNCHUB_CONVERGENCE_SCHEDULES</c> alone runs more (or fewer) schedules.
/// </summary>
public sealed class RandomConvergenceTests(ITestOutputHelper output)
{
    private const int DefaultSchedules = 300;
    private const int DefaultBaseSeed = 20261201;
    private const int Steps = 40;

    [Fact]
    public async Task Random_schedules_of_three_devices_of_two_accounts_in_a_team_workspace_converge_on_the_hubs_state_and_drop_no_edit()
    {
        var schedules = FromEnvironment("SYNCHUB_CONVERGENCE_SCHEDULES", DefaultSchedules);
        var baseSeed = FromEnvironment("SYNCHUB_CONVERGENCE_SEED", DefaultBaseSeed);
        // Hundreds of accounts sign in here: PBKDF2 at its production cost would be most of the run, and hashing is
        // not what this test is about (sign-in security has its own tests at the real cost).
        await using var hub = await HubHost.StartAsync(builder =>
            builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1));

        var totals = new ScheduleTotals();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < schedules; i++)
        {
            var schedule = new RandomSchedule(baseSeed + i, Steps);
            try
            {
                await RunAsync(hub.BaseUrl, schedule);
            }
            catch (Exception ex)
            {
                throw new Xunit.Sdk.XunitException(
                    $"Schedule with seed {schedule.Seed} failed (replay: SYNCHUB_CONVERGENCE_SEED={schedule.Seed} SYNCHUB_CONVERGENCE_SCHEDULES=1).\n" +
                    $"Steps:\n{schedule.Trace}\n{ex}");
            }
            totals.Add(schedule.Totals);
        }
        output.WriteLine($"{schedules} schedules from seed {baseSeed} in {clock.Elapsed.TotalSeconds:F1} s: {totals}");

        // A replay of fewer schedules checks convergence only: one schedule need not meet a conflict or a restart.
        if (schedules < DefaultSchedules)
        {
            return;
        }

        // The run must have exercised what it claims to, or it proves nothing.
        totals.Edits.Should().BeGreaterThan(schedules * 8);
        totals.Toggles.Should().BeGreaterThan(schedules);
        totals.Restarts.Should().BeGreaterThan(0);
        totals.Conflicts.Should().BeGreaterThan(0, "concurrent edits of one field must have met at least once");
        totals.Resolved.Should().BeGreaterThan(0);
    }

    // Two accounts share a team workspace: Ada's two devices and Bob's one all work in it.
    private static async Task RunAsync(Uri server, RandomSchedule schedule)
    {
        var ada = await TestAccounts.CreateAsync(server, TestAccounts.NewUsername("ada"));
        var bob = await TestAccounts.CreateAsync(server, TestAccounts.NewUsername("bob"));
        var devices = new List<ScheduleDevice>();
        try
        {
            devices.Add(await ScheduleDevice.SignInAsync(server, ada, "ada1"));
            devices.Add(await ScheduleDevice.SignInAsync(server, ada, "ada2"));
            devices.Add(await ScheduleDevice.SignInAsync(server, bob, "bob1"));
            var team = await devices[0].Client.CreateWorkspaceAsync($"team {schedule.Seed}").WaitAsync(TestTimeouts.Default);
            await devices[0].Client.AddMemberAsync(team.WorkspaceId, bob.Username).WaitAsync(TestTimeouts.Default);
            foreach (var device in devices)
            {
                await device.SwitchToAsync(team.WorkspaceId);
            }
            await schedule.RunAsync(server, devices, async () =>
            {
                await using var raw = await RawHubClient.ConnectAsync(server, bob, HubWireProtocol.MessagePack);
                return await HubState.ReadAsync(raw, team.WorkspaceId);
            });
        }
        finally
        {
            foreach (var device in devices)
            {
                await device.DisposeAsync();
            }
        }
    }

    private static int FromEnvironment(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
