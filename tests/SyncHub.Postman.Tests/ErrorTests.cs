using System.Text;

namespace SyncHub.Postman.Tests;

/// <summary>A file that cannot be imported gets a PostmanFormatException naming what is wrong and where; nothing of it is returned.</summary>
public sealed class ErrorTests
{
    private static PostmanFormatException Refused(string json, PostmanReadOptions? options = null)
    {
        var read = () => TestFiles.Read(json, options);
        return read.Should().Throw<PostmanFormatException>().Which;
    }

    private static string Collection(string items, string info = """{"name": "C", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}""") =>
        $$"""{"info": {{info}}, "item": {{items}}}""";

    [Fact]
    public void Text_that_is_not_json_names_the_member_and_the_line()
    {
        var error = Refused("{\n\t\"info\": {\"name\": \"C\"},\n\t\"item\": [\n\t\t{\"name\": \"a\", \"request\": {\"method\": GET}}\n\t]\n}");

        error.Path.Should().StartWith("$.item[0].request.method").And.Contain("line 4");
        error.Reason.Should().StartWith("The file is not valid JSON");
        error.Code.Should().Be(PostmanErrorCodes.NotJson);
    }

    [Fact]
    public void Json_of_no_known_kind_says_so()
    {
        Refused("""{"openapi": "3.0.0", "paths": {}}""").Reason.Should()
            .StartWith("This is not a Postman collection, environment, globals or data dump").And.Contain("'openapi'");
        Refused("[1, 2]").Reason.Should().Contain("an array, not a JSON object");
        Refused("{}").Code.Should().Be(PostmanErrorCodes.NotPostman);
    }

    [Fact]
    public void Collection_without_a_name_is_refused_at_info_name()
    {
        var error = Refused(Collection("[]", """{"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"}"""));
        error.Path.Should().Be("$.info.name");
        error.Reason.Should().Contain("name is required");
        error.Code.Should().Be(PostmanErrorCodes.InvalidValue);
    }

    [Fact]
    public void Item_that_is_neither_folder_nor_request_is_refused_at_its_index()
    {
        var error = Refused(Collection("""[{"name": "ok", "request": {"url": "x"}}, {"name": "odd"}]"""));
        error.Path.Should().Be("$.item[1]");
        error.Reason.Should().Contain("folder").And.Contain("request");
    }

    [Fact]
    public void Item_list_that_is_not_an_array_is_refused()
    {
        var error = Refused(Collection("""{"name": "x"}"""));
        error.Path.Should().Be("$.item");
        error.Reason.Should().Contain("must be an array");
    }

    [Fact]
    public void Known_field_of_the_wrong_type_is_refused_with_its_path()
    {
        var error = Refused(Collection("""[{"name": "f", "item": [{"name": "r", "request": {"method": 42, "url": "x"}}]}]"""));
        error.Path.Should().Be("$.item[0].item[0].request.method");
        error.Reason.Should().Be("'method' must be a string, not a number.");
    }

    [Fact]
    public void Environment_value_without_key_is_refused()
    {
        var error = Refused("""{"id": "e", "name": "E", "values": [{"key": "a", "value": "1"}, {"value": "2"}]}""");
        error.Path.Should().Be("$.values[1].key");
        error.Reason.Should().Contain("needs a 'key'");
    }

    [Fact]
    public void Entity_over_the_body_limit_is_refused_and_nothing_is_returned()
    {
        var big = new string('x', 5000);
        var ids = 0;
        var options = new PostmanReadOptions { MaxBodyBytes = 4096, NewId = () => $"id{ids++}" };
        var items = "[{\"name\": \"small\", \"request\": {\"url\": \"x\"}}, {\"name\": \"big\", \"request\": {\"url\": \"x\", \"body\": {\"mode\": \"raw\", \"raw\": \"" + big + "\"}}}]";
        var error = Refused(Collection(items), options);

        error.Path.Should().Be("$.item[1]");
        error.Reason.Should().Contain("4096");
        error.Code.Should().Be(PostmanErrorCodes.PayloadTooLarge);
        ids.Should().Be(2, "the collection and the first request were made before the big one was refused, and none is returned");
    }

    [Fact]
    public void Entity_the_hub_would_refuse_is_refused_with_the_validators_message()
    {
        var error = Refused(Collection("""[{"name": "r", "request": {"url": "x", "body": {"mode": "carrier-pigeon"}}}]"""));
        error.Path.Should().Be("$.item[0]");
        error.Reason.Should().Contain("invalid_entity").And.Contain("$.body.mode");
        error.Code.Should().Be(PostmanErrorCodes.InvalidEntity);
    }

    [Fact]
    public void Variable_with_a_blank_key_is_refused_as_the_hub_would()
    {
        var error = Refused("""{"id": "e", "name": "E", "values": [{"key": " ", "value": "1"}]}""");
        error.Path.Should().Be("$.values[0]");
        error.Reason.Should().Contain("invalid_entity").And.Contain("'key'");
    }

    [Fact]
    public void Wrong_script_line_is_refused_with_its_index()
    {
        var error = Refused(Collection("""[{"name": "r", "event": [{"listen": "test", "script": {"exec": ["ok", 7]}}], "request": {"url": "x"}}]"""));
        error.Path.Should().Be("$.item[0].event[0].script.exec[1]");
    }

    [Fact]
    public void Error_message_joins_path_and_reason()
    {
        var error = Refused(Collection("""[{"name": "r", "request": {"method": true}}]"""));
        error.Message.Should().Be($"{error.Path}: {error.Reason}");
    }

    [Fact]
    public void Member_given_twice_is_refused_at_the_second()
    {
        var error = Refused(Collection("""[{"name": "x", "request": {"url": "u", "method": "GET", "url": "v"}}]"""));
        error.Path.Should().Be("$.item[0].request.url");
        error.Reason.Should().Contain("twice");
        error.Code.Should().Be(PostmanErrorCodes.NotJson);
    }

    [Fact]
    public void Empty_file_is_refused()
    {
        var read = () => PostmanReader.Read(Encoding.UTF8.GetBytes(""));
        read.Should().Throw<PostmanFormatException>().Which.Reason.Should().StartWith("The file is not valid JSON");
    }
}
