using Spectre.Console;
using SyncHub.Client;
using SyncHub.Protocol;

namespace SyncHub.ConsoleClient.Internal;

/// <summary>Draws the workspace as one tree per collection, with each entity's id.</summary>
internal static class EntityTreeView
{
    public static void Write(IAnsiConsole console, EntityForest forest)
    {
        foreach (var root in forest.Roots)
        {
            var tree = new Tree(Label(root)) { Guide = TreeGuide.Line };
            AddChildren(tree, forest, root.Id);
            console.Write(tree);
        }
    }

    private static void AddChildren(IHasTreeNodes node, EntityForest forest, string parentId)
    {
        foreach (var child in forest.ChildrenOf(parentId))
        {
            var childNode = node.AddNode(Label(child));
            AddChildren(childNode, forest, child.Id);
        }
    }

    private static Markup Label(LocalEntity entity)
    {
        var name = Markup.Escape(EntityForest.NameOf(entity));
        var text = entity.Kind == EntityKinds.Request
            ? $"[bold]{name}[/]  [cyan]{Markup.Escape(EntityBodies.Field(entity.Body, "method") ?? "GET")}[/] {Markup.Escape(EntityBodies.Field(entity.Body, "url") ?? string.Empty)}"
            : $"[bold]{name}[/]";
        text += $"  [grey]({Markup.Escape(entity.Kind)} {Markup.Escape(entity.Id)}, v{entity.Version})[/]";
        if (entity.HasPendingChanges) text += " [yellow]*not synced[/]";
        return new Markup(text);
    }
}
