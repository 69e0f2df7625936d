using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Identity;

// A tool, not the service: no host, no configuration, nothing started.
if (PasswordCommand.Matches(args)) return PasswordCommand.RunFromConsole(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddDispatch();

var app = builder.Build();
app.MapDispatch();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
