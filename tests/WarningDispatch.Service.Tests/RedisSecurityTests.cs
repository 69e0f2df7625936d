using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WarningDispatch.Service.Storage.Redis;
using WarningDispatch.Service.Identity;
using WarningDispatch.TestSupport;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// With Redis: the throttle and revocations as two instances see them (two connections to one private
/// redis-server; the throttle on a fake clock, Redis itself only expires keys), and the key ring's protection.
/// </summary>
// A real redis-server: in the Infrastructure lane as well, so the Fast lane starts no server.
[Category("Infrastructure")]
public class RedisSecurityTests
{
    PrivateRedis _redis = null!;
    readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));
    readonly CancellationToken _ct = CancellationToken.None;

    [OneTimeSetUp]
    public async Task StartRedis()
    {
        _redis = new PrivateRedis();
        await _redis.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopRedis() => await _redis.DisposeAsync();

    RedisGateway Instance() =>
        RedisGateway.Connect(_redis.Configuration, new RedisOptions(), NullLogger<RedisGateway>.Instance);

    static string Unique(string name) => $"{name}-{Guid.NewGuid():N}";

    [Test]
    public async Task Failures_counted_by_one_instance_hold_the_account_on_another_until_the_window_passes()
    {
        await using var a = Instance();
        await using var b = Instance();
        var options = Options.Create(new SignInThrottleOptions());
        var first = new RedisSignInThrottle(a, _clock, options);
        var second = new RedisSignInThrottle(b, _clock, options);
        var account = Unique("duty");

        for (var i = 0; i < 5; i++)
        {
            Assert.That(await first.TryBeginAsync(account, Unique("addr"), Unique("attempt"), _ct), Is.Null);
            _clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.That(await second.TryBeginAsync(account, Unique("addr"), Unique("attempt"), _ct),
            Is.EqualTo(TimeSpan.FromMinutes(10)), "until the oldest of the five is 15 minutes old");
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.That(await second.TryBeginAsync(account, Unique("addr"), Unique("attempt"), _ct), Is.Null);
        Assert.That(await second.TryBeginAsync(account, Unique("addr"), Unique("attempt"), _ct),
            Is.EqualTo(TimeSpan.FromMinutes(1)), "five again: the next leaves the window a minute later");
    }

    [Test]
    public async Task Successes_do_not_fill_the_address_and_forgive_only_their_own_account()
    {
        await using var redis = Instance();
        var throttle = new RedisSignInThrottle(redis, _clock,
            Options.Create(new SignInThrottleOptions { MaxFailuresPerAccount = 2, MaxFailuresPerAddress = 3 }));
        var (address, held, other) = (Unique("addr"), Unique("held"), Unique("other"));

        Assert.That(await throttle.TryBeginAsync(held, Unique("addr"), "h1", _ct), Is.Null);
        Assert.That(await throttle.TryBeginAsync(held, Unique("addr"), "h2", _ct), Is.Null);
        for (var i = 0; i < 5; i++)
        {
            var attempt = Unique("ok");
            Assert.That(await throttle.TryBeginAsync(other, address, attempt, _ct), Is.Null, $"success {i}");
            await throttle.SucceededAsync(other, address, attempt, _ct);
        }
        Assert.That(await throttle.TryBeginAsync(held, Unique("addr"), "h3", _ct), Is.Not.Null, "still held");

        for (var i = 0; i < 3; i++)
            Assert.That(await throttle.TryBeginAsync(Unique("x"), address, Unique("f"), _ct), Is.Null, $"failure {i}");
        Assert.That(await throttle.TryBeginAsync(Unique("x"), address, Unique("f"), _ct), Is.Not.Null, "after three");
    }

    [Test]
    public void Production_with_Redis_refuses_to_start_without_a_key_encryption_key()
    {
        using var region = new TestRegion(TestRegion.Account("ops"));
        // Nothing listens for AMQP there: the refusal comes before the bus starts.
        using var app = new DispatchApp(b => b.UseEnvironment("Production")
            .UseSetting("Region:DataFile", region.Path)
            .UseSetting("ConnectionStrings:RabbitMq", "amqp://guest:guest@127.0.0.1:1/")
            .UseSetting("ConnectionStrings:Redis", _redis.Configuration));
        Assert.That(Assert.Catch(() => _ = app.Server)!.ToString(),
            Does.Contain("DataProtection:KeyEncryptionKey is required"));
    }

    [Test]
    public async Task A_logout_on_one_instance_ends_the_session_on_another_for_as_long_as_a_token_could_live()
    {
        await using var a = Instance();
        await using var b = Instance();
        var options = Options.Create(new SessionOptions());
        var sessionId = Unique("sid");

        await new RedisSessionRevocations(a, options).RevokeAsync(sessionId, _ct);

        var elsewhere = new RedisSessionRevocations(b, options);
        Assert.That(await elsewhere.IsRevokedAsync(sessionId, _ct), Is.True);
        Assert.That(await elsewhere.IsRevokedAsync(Unique("sid"), _ct), Is.False);
        var ttl = await _redis.Db.KeyTimeToLiveAsync($"wd:session:revoked:{sessionId}");
        Assert.That(ttl, Is.EqualTo(TimeSpan.FromHours(12.5)).Within(TimeSpan.FromMinutes(1)));
    }
}
