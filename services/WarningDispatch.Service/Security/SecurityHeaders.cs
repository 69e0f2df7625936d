namespace WarningDispatch.Service.Security;

/// <summary>Headers on every answer: pages, API, errors and static files alike.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The consoles load scripts and styles from their own origin only (no inline code) and talk to the API and the
    /// hub's WebSocket on the same origin; 'data:' images are the sign-in page's empty favicon.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // Set as the answer starts: the exception handler clears headers set any earlier.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(context);
    });
}
