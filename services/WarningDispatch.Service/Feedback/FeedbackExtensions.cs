namespace WarningDispatch.Service.Feedback;

/// <summary>
/// The outbox dispatcher: publishes what the store's outbox holds. Which publisher (in-process bus or RabbitMQ) is
/// the infrastructure's choice.
/// </summary>
public static class FeedbackExtensions
{
    public static WebApplicationBuilder AddFeedback(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<OutboxDispatcher>();
        return builder;
    }
}
