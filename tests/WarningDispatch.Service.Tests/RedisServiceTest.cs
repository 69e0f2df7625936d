using StackExchange.Redis;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// In-process service hosts on a real redis-server of the class's own, emptied before each test. In the
/// Infrastructure lane, so the Fast lane starts no server.
/// </summary>
[Category("Infrastructure")]
public abstract class RedisServiceTest
{
    PrivateRedis _redis = null!;
    ConnectionMultiplexer _connection = null!;
    protected string RedisConfiguration => _redis.Configuration;
    protected IDatabase Db => _connection.GetDatabase();

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        _redis = new PrivateRedis();
        await _redis.StartAsync();
        _connection = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration + ",allowAdmin=true");
    }

    [OneTimeTearDown]
    public async Task StopRedis()
    {
        await _connection.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [SetUp]
    public async Task Empty() => await _connection.GetServer(_connection.GetEndPoints()[0]).FlushAllDatabasesAsync();
}
