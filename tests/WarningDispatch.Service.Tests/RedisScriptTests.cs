using System.Reflection;
using WarningDispatch.Service.Storage.Redis;

namespace WarningDispatch.Service.Tests;

/// <summary>The Redis module's rules for scripts, so the same code can move to a Redis Cluster later.</summary>
public class RedisScriptTests
{
    static IEnumerable<TestCaseData> Scripts() =>
        typeof(RedisScripts).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => new TestCaseData((string)f.GetRawConstantValue()!).SetArgDisplayNames(f.Name));

    [TestCaseSource(nameof(Scripts))]
    public void A_script_gets_every_key_through_KEYS_and_builds_none(string script)
    {
        Assert.That(script, Does.Not.Contain("wd:"), "no key name written in the script");
        Assert.That(script, Does.Not.Contain(" .. "), "no key name put together in the script");
        Assert.That(script, Does.Contain("KEYS["));
    }

    [Test]
    public void A_task_key_carries_the_task_id_as_its_hash_tag() =>
        Assert.That((string?)RedisKeys.Task("T0193A"), Is.EqualTo("wd:{T0193A}:task"));
}
