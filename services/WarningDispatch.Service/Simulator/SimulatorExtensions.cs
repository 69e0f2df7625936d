namespace WarningDispatch.Service.Simulator;

public static class SimulatorExtensions
{
    /// <summary>The demo's warning simulator; does nothing unless <c>Simulator:Enabled</c>.</summary>
    public static WebApplicationBuilder AddSimulator(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section).ValidateOnStart();
        builder.Services.AddHostedService<WarningSimulator>();
        return builder;
    }
}
