using System.CommandLine;
using System.Globalization;
using System.Net.Http;
using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>
/// The commands of <c>synchub</c>. The same tree serves the command line and each line of the interactive shell; only
/// the <see cref="IClientHost"/> differs.
/// </summary>
internal sealed class CommandTree
{
    private readonly SynchubConsole _console;
    private readonly IClientHost _host;
    private readonly InvocationSettings? _fallback;
    private readonly GlobalOptions _globals = new();

    public CommandTree(SynchubConsole console, IClientHost host, bool shellMode, InvocationSettings? fallback)
    {
        _console = console;
        _host = host;
        _fallback = fallback;

        // A plain Command rather than RootCommand, so that help says "synchub" whatever hosts the code (tests run in testhost).
        Root = new Command("synchub", "SyncHub console client: keeps an API workspace in sync with a SyncHub hub. Without a command, starts an interactive shell.");
        Root.Options.Add(new System.CommandLine.Help.HelpOption());
        Root.Options.Add(new VersionOption());
        _globals.AddTo(Root);

        AddAccountCommands();
        AddSyncCommands();
        AddEntityCommands();
        AddWorkspaceCommands();
        AddScratchCommand();
        AddTransferCommands();

        if (shellMode)
        {
            Bind(Root, async (ctx, _, _) =>
            {
                await ctx.InformAsync("Type a command ('help' lists them), or 'exit' to leave.");
                return ExitCodes.Ok;
            });
        }
        else
        {
            Bind(Root, (ctx, _, ct) => InteractiveShell.RunAsync(ctx, ct));
        }
    }

    public Command Root { get; }

    private void AddAccountCommands()
    {
        var user = new Argument<string>("USER") { Description = "3 to 32 letters, digits, '.', '_' or '-'." };
        var email = new Argument<string>("EMAIL");
        var registerPassword = PasswordArgument();
        var register = new Command("register", "Create an account on the hub (at --server). Prints the account id.") { user, email, registerPassword };
        Bind(register, (ctx, pr, ct) => AccountCommands.RegisterAsync(ctx, pr.GetValue(user)!, pr.GetValue(email)!, pr.GetValue(registerPassword)!, ct));
        Root.Subcommands.Add(register);

        var login = new Argument<string>("LOGIN") { Description = "Username or email." };
        var loginPassword = PasswordArgument();
        var device = new Option<string?>("--device") { Description = "A name for this device, shown on your other devices. Default: the machine's name.", HelpName = "NAME" };
        var replace = new Option<string?>("--replace")
        {
            Description = "When the account is at its device limit: sign out the device with this id (one from the list login shows) and sign this one in.",
            HelpName = "DEVICE_ID",
        };
        var loginCommand = new Command("login", "Sign this profile in to the hub (at --server) and download the workspace.") { login, loginPassword, device, replace };
        Bind(loginCommand, (ctx, pr, ct) => AccountCommands.LoginAsync(ctx, pr.GetValue(login)!, pr.GetValue(loginPassword)!, pr.GetValue(device), pr.GetValue(replace), ct));
        Root.Subcommands.Add(loginCommand);

        var force = new Option<bool>("--force")
        {
            Description = "Sign out even if queued changes cannot reach the hub; they are saved to a JSON file in the profile, whose path is printed.",
        };
        var logout = new Command("logout", "Send queued changes, then sign this profile out and remove its local copy of the workspace.") { force };
        Bind(logout, (ctx, pr, ct) => AccountCommands.LogoutAsync(ctx, pr.GetValue(force), ct));
        Root.Subcommands.Add(logout);

        var devicesJson = JsonOption("Print an array of {deviceId, name, signedInAt, lastSeenAt, online, current}.");
        var devices = new Command("devices", "List the devices signed in to this account, which are online, and which is this one.") { devicesJson };
        Bind(devices, (ctx, pr, ct) => DeviceCommands.ListAsync(ctx, pr.GetValue(devicesJson), ct));
        var deviceId = new Argument<string>("ID") { Description = "The device's id, as 'synchub devices' shows it." };
        var devicesRm = new Command("rm", "Sign another device of this account out remotely (it sends its queued changes first if it is online).") { deviceId };
        Bind(devicesRm, (ctx, pr, ct) => DeviceCommands.RemoveAsync(ctx, pr.GetValue(deviceId)!, ct));
        devices.Subcommands.Add(devicesRm);
        Root.Subcommands.Add(devices);
    }

    private void AddSyncCommands()
    {
        var statusJson = JsonOption("Print the status as a JSON object.");
        var statusLocal = new Option<bool>("--local") { Description = "Do not contact the hub; report what this profile knows." };
        var statusTimeout = TimeoutOption(5, "How long to try the hub before reporting.");
        var status = new Command("status", "Show the sync state, pending changes, conflicts, failures and the account.") { statusJson, statusLocal, statusTimeout };
        Bind(status, (ctx, pr, ct) => StatusCommand.RunAsync(ctx, pr.GetValue(statusJson), pr.GetValue(statusLocal), Timeout(pr, statusTimeout), ct));
        Root.Subcommands.Add(status);

        var syncTimeout = TimeoutOption(30, "Give up after this long.");
        var retry = new Option<bool>("--retry") { Description = "Keep retrying an unreachable hub until the timeout instead of failing at once." };
        var sync = new Command("sync", "Send queued changes and fetch the hub's; exits 0 once in sync, 1 with the error otherwise.") { syncTimeout, retry };
        Bind(sync, (ctx, pr, ct) => SyncCommand.RunAsync(ctx, Timeout(pr, syncTimeout), pr.GetValue(retry), ct));
        Root.Subcommands.Add(sync);

        var reloadTimeout = TimeoutOption(30, "Give up after this long.");
        var reload = new Command("reload", "Fetch the newest version of everything from the hub (queued edits are kept); exits 0 once in sync.") { reloadTimeout };
        Bind(reload, (ctx, pr, ct) => ReloadCommand.RunAsync(ctx, Timeout(pr, reloadTimeout), ct));
        Root.Subcommands.Add(reload);

        var watch = new Command("watch", "Show the sync state, incoming changes and the account's devices coming and going, as they happen, until Ctrl+C.");
        Bind(watch, (ctx, _, ct) => WatchCommand.RunAsync(ctx, ct));
        Root.Subcommands.Add(watch);
    }

    private void AddEntityCommands()
    {
        var add = new Command("add", "Create an entity (collection, folder, request, response, environment, variable, global, preset). Prints the new id alone on stdout.");

        var collectionName = NameArgument();
        var collection = new Command("collection", "Create a collection.") { collectionName };
        Bind(collection, (ctx, pr, ct) => EntityCommands.AddAsync(ctx, EntityKinds.Collection, null, pr.GetValue(collectionName)!, null, null, ct));
        add.Subcommands.Add(collection);

        var folderParent = ParentArgument();
        var folderName = NameArgument();
        var folder = new Command("folder", "Create a folder inside a collection or folder.") { folderParent, folderName };
        Bind(folder, (ctx, pr, ct) => EntityCommands.AddAsync(ctx, EntityKinds.Folder, pr.GetValue(folderParent)!, pr.GetValue(folderName)!, null, null, ct));
        add.Subcommands.Add(folder);

        var requestParent = ParentArgument();
        var requestName = NameArgument();
        var method = new Option<string>("--method", "-X") { Description = "The HTTP method.", HelpName = "M", DefaultValueFactory = _ => "GET" };
        var url = new Option<string>("--url") { Description = "The request's URL.", HelpName = "U", DefaultValueFactory = _ => string.Empty };
        var request = new Command("request", "Create a request inside a collection or folder.") { requestParent, requestName, method, url };
        Bind(request, (ctx, pr, ct) => EntityCommands.AddAsync(ctx, EntityKinds.Request, pr.GetValue(requestParent)!, pr.GetValue(requestName)!, pr.GetValue(method), pr.GetValue(url), ct));
        add.Subcommands.Add(request);

        var responseRequest = new Argument<string>("REQUEST_ID") { Description = "The id of the request it is an example of." };
        var responseName = NameArgument();
        var code = new Option<int?>("--code") { Description = "The HTTP status code (100 to 599).", HelpName = "N" };
        var response = new Command("response", "Save an example response of a request.") { responseRequest, responseName, code };
        Bind(response, (ctx, pr, ct) => EntityCommands.AddAsync(ctx, EntityKinds.Response, pr.GetValue(responseRequest)!, EntityBodies.Response(pr.GetValue(responseName)!, pr.GetValue(code)), ct));
        add.Subcommands.Add(response);

        var environmentName = NameArgument();
        var environment = new Command("environment", "Create an environment.") { environmentName };
        Bind(environment, (ctx, pr, ct) => EntityCommands.AddAsync(ctx, EntityKinds.Environment, null, EntityBodies.Environment(pr.GetValue(environmentName)!), ct));
        add.Subcommands.Add(environment);

        var variableEnvironment = new Argument<string>("ENV_ID") { Description = "The id of the environment." };
        var variableKey = new Argument<string>("KEY") { Description = "The variable's name." };
        var variableValue = new Argument<string>("VALUE") { Description = "Its value." };
        var variableSecret = new Option<bool>("--secret") { Description = "Mark the value secret (apps mask it)." };
        var variable = new Command("variable", "Create a variable in an environment.") { variableEnvironment, variableKey, variableValue, variableSecret };
        Bind(variable, (ctx, pr, ct) => EntityCommands.AddAsync(ctx, EntityKinds.EnvironmentVariable, pr.GetValue(variableEnvironment)!,
            EntityBodies.Variable(pr.GetValue(variableKey)!, pr.GetValue(variableValue)!, pr.GetValue(variableSecret)), ct));
        add.Subcommands.Add(variable);

        var globalKey = new Argument<string>("KEY") { Description = "The variable's name." };
        var globalValue = new Argument<string>("VALUE") { Description = "Its value." };
        var globalSecret = new Option<bool>("--secret") { Description = "Mark the value secret (apps mask it)." };
        var global = new Command("global", "Create a global variable.") { globalKey, globalValue, globalSecret };
        Bind(global, (ctx, pr, ct) => EntityCommands.AddAsync(ctx, EntityKinds.GlobalVariable, null,
            EntityBodies.Variable(pr.GetValue(globalKey)!, pr.GetValue(globalValue)!, pr.GetValue(globalSecret)), ct));
        add.Subcommands.Add(global);

        var presetName = NameArgument();
        var header = new Option<string[]>("--header", "-H") { Description = "A header as 'Name: value'; repeat for more.", HelpName = "'K: V'", AllowMultipleArgumentsPerToken = false };
        var preset = new Command("preset", "Create a header preset.") { presetName, header };
        Bind(preset, (ctx, pr, ct) => EntityCommands.AddAsync(ctx, EntityKinds.HeaderPreset, null, EntityBodies.Preset(pr.GetValue(presetName)!, pr.GetValue(header) ?? []), ct));
        add.Subcommands.Add(preset);
        Root.Subcommands.Add(add);

        var mvId = IdArgument();
        var mvParent = new Argument<string>("PARENT") { Description = "The id of the new parent (the current one to only reorder); '-' or 'root' for the top level." };
        var mvBefore = new Option<string?>("--before") { Description = "Place it right before this sibling.", HelpName = "ID" };
        var mvAfter = new Option<string?>("--after") { Description = "Place it right after this sibling.", HelpName = "ID" };
        var mv = new Command("mv", "Move an item to another parent and/or another place among its siblings (last, without --before/--after).") { mvId, mvParent, mvBefore, mvAfter };
        Bind(mv, (ctx, pr, ct) => EntityCommands.MoveAsync(ctx, pr.GetValue(mvId)!, pr.GetValue(mvParent)!, pr.GetValue(mvBefore), pr.GetValue(mvAfter), ct));
        Root.Subcommands.Add(mv);

        var renameId = IdArgument();
        var renameName = NameArgument();
        var rename = new Command("rename", "Rename an entity (a variable: its key); its other fields are kept.") { renameId, renameName };
        Bind(rename, (ctx, pr, ct) => EntityCommands.RenameAsync(ctx, pr.GetValue(renameId)!, pr.GetValue(renameName)!, ct));
        Root.Subcommands.Add(rename);

        var rmId = IdArgument();
        var rm = new Command("rm", "Delete an entity with everything inside it (one change on the hub).") { rmId };
        Bind(rm, (ctx, pr, ct) => EntityCommands.RemoveAsync(ctx, pr.GetValue(rmId)!, ct));
        Root.Subcommands.Add(rm);

        var conflictsJson = JsonOption("Print an array of {id, entityId, kind, op, name, conflictingFields, baseVersion, mine, theirs, base, at}.");
        var conflicts = new Command("conflicts", "List this profile's edits that conflict with another device's: the fields both changed, mine and theirs.") { conflictsJson };
        Bind(conflicts, (ctx, pr, ct) => ConflictCommands.ListAsync(ctx, pr.GetValue(conflictsJson), ct));
        Root.Subcommands.Add(conflicts);

        var conflictId = new Argument<string>("ID") { Description = "The conflict's id, as 'synchub conflicts' shows it." };
        var side = new Argument<string>("SIDE") { Description = "mine: keep this profile's edit (other fields keep their changes); theirs: keep the hub's version." };
        side.AcceptOnlyFromAmong("mine", "theirs");
        var resolve = new Command("resolve", "Settle a conflict: keep mine (sent to the hub) or theirs (the local edit is dropped).") { conflictId, side };
        Bind(resolve, (ctx, pr, ct) => ConflictCommands.ResolveAsync(ctx, pr.GetValue(conflictId)!, pr.GetValue(side)!, ct));
        Root.Subcommands.Add(resolve);

        var lsJson = JsonOption("Print an array of {id, kind, parentId, name, version} instead of a tree.");
        var ls = new Command("ls", "List the workspace as this profile holds it (run 'sync' first for the hub's latest).") { lsJson };
        Bind(ls, (ctx, pr, ct) => ListCommand.RunAsync(ctx, pr.GetValue(lsJson), ct));
        Root.Subcommands.Add(ls);
    }

    private void AddWorkspaceCommands()
    {
        var workspacesJson = JsonOption("Print an array of {workspaceId, name, personal, role, ownerAccountId, active}.");
        var workspaces = new Command("workspaces", "List the account's workspaces; * marks the active one, which the other commands act on.") { workspacesJson };
        Bind(workspaces, (ctx, pr, ct) => WorkspaceCommands.ListAsync(ctx, pr.GetValue(workspacesJson), ct));
        Root.Subcommands.Add(workspaces);

        var workspace = new Command("workspace", "Create a team workspace, or choose the active one.");
        var createName = new Argument<string>("NAME") { Description = "1 to 200 characters." };
        var create = new Command("create", "Create a team workspace owned by this account. Prints its id alone on stdout.") { createName };
        Bind(create, (ctx, pr, ct) => WorkspaceCommands.CreateAsync(ctx, pr.GetValue(createName)!, ct));
        workspace.Subcommands.Add(create);
        var useId = new Argument<string>("ID") { Description = "The workspace's id, as 'synchub workspaces' shows it." };
        var use = new Command("use", "Make a workspace the active one: add, ls, rm, rename and status act on it from now on.") { useId };
        Bind(use, (ctx, pr, ct) => WorkspaceCommands.UseAsync(ctx, pr.GetValue(useId)!, ct));
        workspace.Subcommands.Add(use);
        Root.Subcommands.Add(workspace);

        var membersWorkspace = WorkspaceOption();
        var membersJson = JsonOption("Print an array of {accountId, username, role, addedAt}.");
        var members = new Command("members", "List the members of the active workspace (or --workspace).") { membersWorkspace, membersJson };
        Bind(members, (ctx, pr, ct) => WorkspaceCommands.MembersAsync(ctx, pr.GetValue(membersWorkspace), pr.GetValue(membersJson), ct));
        var addWorkspace = WorkspaceOption();
        var addUser = new Argument<string>("USERNAME") { Description = "The username of the account to add." };
        var addMember = new Command("add", "Add an account to the workspace (owner only). Prints its account id.") { addUser, addWorkspace };
        Bind(addMember, (ctx, pr, ct) => WorkspaceCommands.AddMemberAsync(ctx, pr.GetValue(addWorkspace), pr.GetValue(addUser)!, ct));
        members.Subcommands.Add(addMember);
        var rmWorkspace = WorkspaceOption();
        var rmWho = new Argument<string>("ACCOUNT_ID_OR_USERNAME") { Description = "The member to remove; yourself to leave the workspace." };
        var rmMember = new Command("rm", "Remove a member (owner), or leave the workspace (yourself).") { rmWho, rmWorkspace };
        Bind(rmMember, (ctx, pr, ct) => WorkspaceCommands.RemoveMemberAsync(ctx, pr.GetValue(rmWorkspace), pr.GetValue(rmWho)!, ct));
        members.Subcommands.Add(rmMember);
        Root.Subcommands.Add(members);
    }

    private void AddScratchCommand()
    {
        var scratch = new Command("scratch",
            "Work in the Scratch Pad: a workspace kept only on this device, never synced, kept through sign-out. 'workspace use ID' leaves it; signed out, it is where edits go.");
        Bind(scratch, (ctx, _, ct) => ScratchCommand.EnterAsync(ctx, ct));
        Root.Subcommands.Add(scratch);
    }

    private void AddTransferCommands()
    {
        var export = new Command("export", "Write the active workspace (or the Scratch Pad), or one collection or environment of it, to a Postman file.");
        var allFile = FileArgument("The file to write (a Postman data dump); replaced if it exists.");
        var onlyCollections = new Option<bool>("--collections") { Description = "Only the collections (with their folders, requests and saved responses)." };
        var onlyEnvironments = new Option<bool>("--environments") { Description = "Only the environments, global variables and header presets." };
        var all = new Command("all", "Everything, as one Postman data dump (collections and environments; both when neither option or both are given).") { allFile, onlyCollections, onlyEnvironments };
        Bind(all, (ctx, pr, ct) => TransferCommands.ExportAllAsync(ctx, pr.GetValue(allFile)!, pr.GetValue(onlyCollections), pr.GetValue(onlyEnvironments), ct));
        export.Subcommands.Add(all);
        var collectionId = new Argument<string>("ID") { Description = "The collection's id, as 'ls' shows it." };
        var collectionFile = FileArgument("The file to write (a Postman collection v2.1.0); replaced if it exists.");
        var collection = new Command("collection", "One collection with everything inside it, as a Postman collection v2.1.0 file.") { collectionId, collectionFile };
        Bind(collection, (ctx, pr, ct) => TransferCommands.ExportCollectionAsync(ctx, pr.GetValue(collectionId)!, pr.GetValue(collectionFile)!, ct));
        export.Subcommands.Add(collection);
        var environmentId = new Argument<string>("ID") { Description = "The environment's id, as 'ls' shows it." };
        var environmentFile = FileArgument("The file to write (a Postman environment); replaced if it exists.");
        var environment = new Command("environment", "One environment with its variables, as a Postman environment file.") { environmentId, environmentFile };
        Bind(environment, (ctx, pr, ct) => TransferCommands.ExportEnvironmentAsync(ctx, pr.GetValue(environmentId)!, pr.GetValue(environmentFile)!, ct));
        export.Subcommands.Add(environment);
        Root.Subcommands.Add(export);

        var importFile = FileArgument("A Postman collection (v2.1.0, v2.0.0 or v1), environment, globals or data dump; the kind is read from its content.");
        var import = new Command("import", "Add everything in a Postman file to the active workspace (or the Scratch Pad) as new items, all or nothing; queued for the hub like any edit. Prints the ids of the new top-level items.") { importFile };
        Bind(import, (ctx, pr, ct) => TransferCommands.ImportAsync(ctx, pr.GetValue(importFile)!, ct));
        Root.Subcommands.Add(import);

        var importScratch = new Command("import-scratch", "Move everything in the Scratch Pad into the active workspace in one step (new ids; the Scratch Pad is left empty).");
        Bind(importScratch, (ctx, _, ct) => TransferCommands.ImportScratchAsync(ctx, ct));
        Root.Subcommands.Add(importScratch);
    }

    private static Argument<string> FileArgument(string description) => new("FILE") { Description = description };

    private static Option<string?> WorkspaceOption() =>
        new("--workspace") { Description = "The workspace's id; default: the active one.", HelpName = "ID" };

    private void Bind(Command command, Func<CommandContext, ParseResult, CancellationToken, Task<int>> handler) =>
        command.SetAction((parseResult, cancellationToken) => RunGuardedAsync(parseResult, handler, cancellationToken));

    private async Task<int> RunGuardedAsync(ParseResult parseResult, Func<CommandContext, ParseResult, CancellationToken, Task<int>> handler, CancellationToken cancellationToken)
    {
        var error = _console.Error;
        var verbose = false;
        try
        {
            var settings = InvocationSettings.Resolve(parseResult, _globals, _console, _fallback);
            verbose = settings.Verbose;
            return await handler(new CommandContext(_console, settings, _host), parseResult, cancellationToken);
        }
        catch (UsageException e)
        {
            await error.WriteLineAsync($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        catch (SyncException e)
        {
            await WriteErrorAsync(error, e.Code, e.Message);
            return ExitCodes.Error;
        }
        catch (CommandFailedException e)
        {
            await WriteErrorAsync(error, e.Code, e.Message);
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Interrupted.");
            return ExitCodes.Interrupted;
        }
        catch (HttpRequestException e)
        {
            await WriteErrorAsync(error, ErrorCodes.Unreachable, $"Cannot reach the hub: {e.Message}");
            return ExitCodes.Error;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or System.Data.Common.DbException or TimeoutException)
        {
            await WriteErrorAsync(error, ConsoleErrorCodes.Unexpected, e.Message);
            if (verbose) await error.WriteLineAsync(e.ToString());
            return ExitCodes.Error;
        }
    }

    internal static Task WriteErrorAsync(TextWriter error, string code, string message) =>
        error.WriteLineAsync($"error: {code}: {message}");

    private static Argument<string> PasswordArgument() =>
        new("PASSWORD") { Description = "The password; '-' reads it from the first line of stdin (keeps it out of the process list)." };

    private static Argument<string> NameArgument() => new("NAME") { Description = "The name shown in the tree." };

    private static Argument<string> ParentArgument() => new("PARENT_ID") { Description = "The id of the collection or folder to put it in." };

    private static Argument<string> IdArgument() => new("ID") { Description = "The id, as 'ls' shows it." };

    private static Option<bool> JsonOption(string description) => new("--json") { Description = description };

    private static Option<double> TimeoutOption(double seconds, string description) => new("--timeout")
    {
        Description = $"{description} In seconds; default {seconds.ToString(CultureInfo.InvariantCulture)}.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => seconds,
    };

    private static TimeSpan Timeout(ParseResult parseResult, Option<double> option)
    {
        var seconds = parseResult.GetValue(option);
        if (!(seconds > 0) || seconds > TimeSpan.FromDays(1).TotalSeconds)
            throw new UsageException($"--timeout must be a number of seconds above 0 (and at most a day), not {seconds.ToString(CultureInfo.InvariantCulture)}.");
        return TimeSpan.FromSeconds(seconds);
    }
}
