using WarningDispatch.Service.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddDispatch();

var app = builder.Build();
app.MapDispatch();
app.Run();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
