using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using SyncHub.Testing;

namespace SyncHub.Client.TestSupport;

/// <summary>Looks behind the client's back: the token in a profile, and what the hub answers to it.</summary>
public static class SessionProbe
{
    private static readonly HttpClient Http = new() { Timeout = TestTimeouts.Default };

    /// <summary>The token stored in the profile, or null when signed out.</summary>
    public static string? StoredToken(string profileDirectory)
    {
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(profileDirectory, "synchub.db"), Pooling = false }.ToString();
        using var db = new SqliteConnection(cs);
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "SELECT token FROM session";
        return command.ExecuteScalar() as string;
    }

    /// <summary>The status code of a GET of <paramref name="path"/> with <paramref name="token"/> as the bearer token.</summary>
    public static async Task<HttpStatusCode> GetStatusAsync(Uri hub, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(hub, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request).WaitAsync(TestTimeouts.Default);
        return response.StatusCode;
    }
}
