using WarningDispatch.Service.Cases;
using WarningDispatch.Service.Consoles;
using WarningDispatch.Service.Escalation;
using WarningDispatch.Service.Feedback;
using WarningDispatch.Service.FollowUps;
using WarningDispatch.Service.FraudReports;
using WarningDispatch.Service.Hosting;
using WarningDispatch.Service.Identity;
using WarningDispatch.Service.Ingest;
using WarningDispatch.Service.Officers;
using WarningDispatch.Service.Realtime;
using WarningDispatch.Service.Reports;
using WarningDispatch.Service.Security;
using WarningDispatch.Service.Simulator;
using WarningDispatch.Service.Tasks;
using WarningDispatch.Service.Updates;

// A tool, not the service: no host, no configuration, nothing started.
if (PasswordCommand.Matches(args)) return PasswordCommand.RunFromConsole(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddInfrastructure();     // embedded or RabbitMQ + Redis: chosen here, once
builder.AddSecurity();
builder.AddSignIn();
builder.AddOfficers();
builder.AddIngest();
builder.AddCases();
builder.AddUpdates();
builder.AddTasks();
builder.AddFollowUps();
builder.AddFraudReports();
builder.AddReports();
builder.AddEscalation();
builder.AddFeedback();
builder.AddRealtime();
builder.AddSimulator();

var app = builder.Build();
app.UseSecurity();
app.UseServiceDefaults();
app.MapServiceDefaults();
app.MapIdentity();
app.MapIngest();
app.MapUpdates();
app.MapFraudReports();
app.MapErrorQueue();
app.MapTasks();
app.MapReports();
app.MapFollowUps();
app.MapConsoles();
app.MapOfficers();
app.MapRealtime();
app.Run();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
