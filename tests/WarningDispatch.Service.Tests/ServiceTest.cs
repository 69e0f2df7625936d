namespace WarningDispatch.Service.Tests;

/// <summary>A fresh service per test: nothing one test leaves behind can make another pass or fail.</summary>
public abstract class ServiceTest
{
    protected DispatchApp App { get; private set; } = null!;

    [SetUp]
    public async Task StartService()
    {
        App = new DispatchApp();
        await App.StartAsync();
    }

    [TearDown]
    public async Task StopService() => await App.DisposeAsync();
}
