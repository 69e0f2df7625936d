using System.Diagnostics;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>
/// docker-compose.yml is for users' machines (no Docker engine here); its syntax and shape are checked.
/// </summary>
public class ComposeFileTests
{
    static string Compose => Path.Combine(Repository.Root, "docker-compose.yml");

    static async Task<(int Exit, string Output, string Errors)> ConfigAsync(string envFile)
    {
        var info = new ProcessStartInfo("docker-compose", $"--env-file \"{envFile}\" -f \"{Compose}\" config")
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException("docker-compose is missing: run tests/run.sh");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output, errors);
    }

    [Test]
    public async Task Compose_file_is_valid_and_runs_rabbitmq_redis_with_aof_two_replicas_and_a_trace_viewer()
    {
        var env = Path.GetTempFileName();
        await File.WriteAllTextAsync(env, """
            RABBITMQ_USER=wd
            RABBITMQ_PASSWORD=0123456789abcdef0123456789abcdef
            REDIS_PASSWORD=fedcba9876543210fedcba9876543210
            WD_INGEST_API_KEY=an-ingest-key-of-the-site-0001
            WD_KEY_ENCRYPTION_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=
            WD_PERSON_KEY=BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB=
            WD_REGION_FILE=./region.json
            """);

        var (exit, output, errors) = await ConfigAsync(env);

        Assert.That(exit, Is.Zero, errors);
        Assert.That(output, Does.Contain("Correlation__PersonKey"), "warnings link by a keyed hash of the site's key");
        Assert.That(output, Does.Contain("rabbitmq:3.13-management").And.Contain("appendfsync").And.Contain("always"));
        Assert.That(output, Does.Contain("dispatch-a:").And.Contain("dispatch-b:").And.Contain("jaeger"));
        Assert.That(output, Does.Contain("ConnectionStrings__RabbitMq").And.Contain("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.That(output, Does.Contain("fedcba9876543210fedcba9876543210"), "Redis takes its password from .env");
        Assert.That(output, Does.Not.Contain("guest:guest").And.Not.Contain("change-me"));
        Assert.That(File.Exists(Path.Combine(Repository.Root, "services", "Dockerfile")), Is.True,
            "the image the replicas build from");
    }

    [Test]
    public async Task Compose_refuses_to_start_without_the_secrets()
    {
        var env = Path.GetTempFileName();
        await File.WriteAllTextAsync(env, "RABBITMQ_USER=wd\n");

        var (exit, _, errors) = await ConfigAsync(env);

        Assert.That(exit, Is.Not.Zero);
        Assert.That(errors, Does.Contain("RABBITMQ_PASSWORD").Or.Contain("REDIS_PASSWORD"));
    }
}
