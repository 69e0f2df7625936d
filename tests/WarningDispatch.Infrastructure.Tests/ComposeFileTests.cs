using System.Diagnostics;

namespace WarningDispatch.Infrastructure.Tests;

/// <summary>docker-compose.yml is for users' machines (no Docker engine here); its syntax and shape are checked.</summary>
public class ComposeFileTests
{
    [Test]
    public async Task Compose_file_is_valid_and_runs_rabbitmq_redis_with_aof_two_replicas_and_a_trace_viewer()
    {
        var compose = Path.Combine(ServiceProcess.RepoRoot, "docker-compose.yml");
        var info = new ProcessStartInfo("docker-compose", $"-f \"{compose}\" config") { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("docker-compose is missing: run tests/run.sh");
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.That(process.ExitCode, Is.Zero, errors);
        Assert.That(output, Does.Contain("rabbitmq:3.13-management").And.Contain("appendfsync").And.Contain("always"));
        Assert.That(output, Does.Contain("dispatch-a:").And.Contain("dispatch-b:").And.Contain("jaeger"));
        Assert.That(output, Does.Contain("ConnectionStrings__RabbitMq").And.Contain("OTEL_EXPORTER_OTLP_ENDPOINT"));
        Assert.That(File.Exists(Path.Combine(ServiceProcess.RepoRoot, "services", "Dockerfile")), Is.True, "the image the replicas build from");
    }
}
