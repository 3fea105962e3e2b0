using SyncHub.Protocol;

namespace SyncHub.Protocol.Tests;

public sealed class EntityIdsTests
{
    [Fact]
    public void New_ids_are_valid_and_distinct()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => EntityIds.New()).ToList();
        ids.Should().OnlyContain(id => EntityIds.IsValid(id));
        ids.Should().OnlyHaveUniqueItems();
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/ed")]
    [InlineData("ünï")]
    public void Refuses_ids_outside_the_alphabet(string id) => EntityIds.IsValid(id).Should().BeFalse();

    [Fact]
    public void Refuses_ids_longer_than_the_limit()
    {
        EntityIds.IsValid(new string('a', EntityIds.MaxLength)).Should().BeTrue();
        EntityIds.IsValid(new string('a', EntityIds.MaxLength + 1)).Should().BeFalse();
    }
}
