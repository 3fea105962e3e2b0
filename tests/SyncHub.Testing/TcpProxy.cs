using System.Net;
using System.Net.Sockets;

namespace SyncHub.Testing;

/// <summary>
/// A loopback TCP proxy in front of a hub, standing in for one hub node: several proxies in front of one
/// <see cref="HubHost"/> are several URLs that reach the same data. <see cref="Stop"/> closes the listener and every
/// forwarded connection at once, like a node that dies; <see cref="Resume"/> brings it back on the same port.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly Lock _lock = new();
    private readonly HashSet<Socket> _open = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _running;
    private Task _acceptLoop = Task.CompletedTask;
    private int _accepted;

    private TcpProxy(IPEndPoint target, int port)
    {
        _target = target;
        Port = port;
    }

    /// <summary>The port this proxy listens on (on 127.0.0.1); kept across <see cref="Stop"/> and <see cref="Resume"/>.</summary>
    public int Port { get; private set; }

    /// <summary>The proxy's address as a hub base URL, e.g. http://127.0.0.1:41235/.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>How many connections the proxy has accepted since it was created: tells a test whether a client came here.</summary>
    public int AcceptedConnections => Volatile.Read(ref _accepted);

    /// <summary>Whether the proxy is listening.</summary>
    public bool IsRunning
    {
        get
        {
            lock (_lock) return _listener is not null;
        }
    }

    /// <summary>Starts a proxy on a free loopback port forwarding to <paramref name="target"/> (a loopback hub URL).</summary>
    public static TcpProxy Start(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var proxy = new TcpProxy(new IPEndPoint(IPAddress.Parse(target.Host), target.Port), port: 0);
        proxy.Resume();
        return proxy;
    }

    /// <summary>Listens again on <see cref="Port"/> (after <see cref="Stop"/>); nothing when already listening.</summary>
    public void Resume()
    {
        lock (_lock)
        {
            if (_listener is not null) return;
            var listener = new TcpListener(IPAddress.Loopback, Port);
            // The port was ours a moment ago; its closed connections may linger in TIME_WAIT.
            listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _listener = listener;
            _running = new CancellationTokenSource();
            _acceptLoop = AcceptAsync(listener, _running.Token);
        }
    }

    /// <summary>
    /// Dies: stops listening (new connections are refused) and closes every forwarded connection, both sides, at once.
    /// </summary>
    public void Stop()
    {
        Socket[] open;
        lock (_lock)
        {
            if (_listener is null) return;
            _running!.Cancel();
            _running.Dispose();
            _running = null;
            _listener.Stop();
            _listener = null;
            open = [.. _open];
            _open.Clear();
        }
        foreach (var socket in open) Close(socket);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Stop();
        try
        {
            await _acceptLoop.WaitAsync(TestTimeouts.Default);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(ct);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return; // stopped
            }
            Interlocked.Increment(ref _accepted);
            _ = ForwardAsync(client, ct);
        }
    }

    private async Task ForwardAsync(Socket client, CancellationToken ct)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        if (!Track(client) || !Track(upstream))
        {
            Close(client);
            Close(upstream);
            return;
        }
        try
        {
            await upstream.ConnectAsync(_target, ct);
            // Whichever side ends first ends the pair, as a node's death ends both halves of what it carried.
            await Task.WhenAny(PumpAsync(client, upstream, ct), PumpAsync(upstream, client, ct));
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            Untrack(client);
            Untrack(upstream);
            Close(client);
            Close(upstream);
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, ct);
                if (read == 0) return;
                var sent = 0;
                while (sent < read) sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, ct);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Registers a socket to close on <see cref="Stop"/>; false when the proxy stopped meanwhile.</summary>
    private bool Track(Socket socket)
    {
        lock (_lock)
        {
            if (_listener is null) return false;
            _open.Add(socket);
            return true;
        }
    }

    private void Untrack(Socket socket)
    {
        lock (_lock) _open.Remove(socket);
    }

    private static void Close(Socket socket)
    {
        try
        {
            // Reset rather than a graceful close: a dead node does not say goodbye.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
