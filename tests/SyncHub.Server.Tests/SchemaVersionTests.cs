using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SyncHub.Server.Sqlite;
using SyncHub.Testing;

namespace SyncHub.Server.Tests;

// What the SQLite store itself does (its file, its writer): not part of the contract both stores run.
[Trait("Store", "Sqlite")]
public sealed class SchemaVersionTests
{
    [Fact]
    public void A_store_of_the_schema_before_cascades_is_refused_with_a_message_that_says_what_to_do()
    {
        using var temp = TempDirectory.Create("schema");
        var path = Path.Combine(temp.Path, "synchub.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = "CREATE TABLE changes (workspace_id TEXT, seq INTEGER); PRAGMA user_version = 3;";
            command.ExecuteNonQuery();
        }
        using var database = new SqliteDatabase(Options.Create(new SyncHubOptions { DataDirectory = temp.Path }));

        var act = database.EnsureCreated;

        act.Should().Throw<InvalidOperationException>()
            .WithMessage($"*schema version 3*uses version {SqliteSchema.Version}*Move the file away*");
        SqliteSchema.Version.Should().Be(4, "the change log's cascade column came with version 4");
    }
}
