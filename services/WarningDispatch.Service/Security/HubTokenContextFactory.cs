using Microsoft.AspNetCore.Http.Features;

namespace WarningDispatch.Service.Security;

/// <summary>
/// Takes a SignalR <c>access_token</c> out of the query string before anything can log the URL: the host writes
/// "Request starting … ?access_token=…" at Information before the first middleware runs, so this happens where the
/// host builds the request's HttpContext. On hub paths the token becomes the Authorization header the bearer handler
/// reads; elsewhere it is dropped (tokens in URLs are accepted for WebSockets only).
/// </summary>
public sealed class HubTokenContextFactory(IServiceProvider services) : IHttpContextFactory
{
    const string TokenParameter = "access_token";
    // The default factory reuses a connection's context across requests only when it is the host's own; the cost of
    // wrapping it is one context allocation per request.
    readonly DefaultHttpContextFactory _inner = new(services);

    public HttpContext Create(IFeatureCollection featureCollection)
    {
        if (featureCollection.Get<IHttpRequestFeature>() is { } request
            && request.QueryString.Contains(TokenParameter, StringComparison.OrdinalIgnoreCase))
            MoveToken(request);
        return _inner.Create(featureCollection);
    }

    public void Dispose(HttpContext httpContext) => _inner.Dispose(httpContext);

    static void MoveToken(IHttpRequestFeature request)
    {
        string? token = null;
        var kept = new List<string>();
        foreach (var pair in request.QueryString.TrimStart('?').Split('&'))
        {
            var name = pair.Split('=', 2)[0];
            if (!Uri.UnescapeDataString(name).Equals(TokenParameter, StringComparison.OrdinalIgnoreCase))
                kept.Add(pair);
            else if (pair.Length > name.Length)
                token = Uri.UnescapeDataString(pair[(name.Length + 1)..].Replace('+', ' '));
        }
        var query = kept.Count > 0 ? "?" + string.Join('&', kept) : "";
        request.QueryString = query;
        var queryStart = request.RawTarget.IndexOf('?');
        if (queryStart >= 0) request.RawTarget = request.RawTarget[..queryStart] + query;
        if (token is { Length: > 0 }
            && request.Path.StartsWith("/hubs/", StringComparison.OrdinalIgnoreCase)
            && !request.Headers.ContainsKey("Authorization"))
            request.Headers.Authorization = "Bearer " + token;
    }
}
