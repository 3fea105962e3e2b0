using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SyncHub.Server.Sqlite;

/// <summary>
/// Readiness of the SQLite store: opens the file afresh and reads its schema version. A fresh, unpooled connection
/// that may not create the file, so that a removed directory or file fails the check instead of being answered by a
/// pooled handle to the old file or by a new empty one.
/// </summary>
internal sealed class SqliteReadinessCheck(SqliteDatabase database) : IHealthCheck
{
    /// <summary>The check's name in the readiness report.</summary>
    public const string Name = "sqlite";

    private readonly string _connectionString = new SqliteConnectionStringBuilder(database.ConnectionString)
    {
        Mode = SqliteOpenMode.ReadWrite,
        Pooling = false,
        DefaultTimeout = (int)Health.SyncHubHealth.CheckTimeout.TotalSeconds,
    }.ToString();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            var connection = new SqliteConnection(_connectionString);
            await using (connection.ConfigureAwait(false))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = "PRAGMA user_version;";
                    var version = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long? ?? 0;
                    return version == SqliteSchema.Version
                        ? HealthCheckResult.Healthy("The SQLite store answered.")
                        : new HealthCheckResult(context.Registration.FailureStatus,
                            $"The SQLite store has schema version {version}, not {SqliteSchema.Version}: the file was replaced or is not the hub's.");
                }
            }
        }
        catch (SqliteException ex)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"The SQLite store did not answer a read: {ex.Message}", ex);
        }
    }
}
