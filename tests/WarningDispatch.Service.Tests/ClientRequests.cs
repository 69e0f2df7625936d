using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.TestHost;

namespace WarningDispatch.Service.Tests;

/// <summary>
/// Requests as they reach the service from a given network address (TestServer has none of its own), optionally
/// through a proxy's forwarded headers.
/// </summary>
internal static class ClientRequests
{
    public static Task<HttpContext> SignInFromAsync(
        this TestServer server, string address, string username, string password, bool cookies = false,
        IDictionary<string, string>? headers = null) =>
        server.SendFromAsync(address, "POST", "/api/auth/login" + (cookies ? "?useCookies=true" : ""),
            new { username, password }, headers);

    public static Task<HttpContext> SendFromAsync(
        this TestServer server, string address, string method, string pathAndQuery, object? body = null,
        IDictionary<string, string>? headers = null) =>
        server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Parse(address);
            context.Request.Method = method;
            var queryStart = pathAndQuery.IndexOf('?');
            context.Request.Path = queryStart < 0 ? pathAndQuery : pathAndQuery[..queryStart];
            if (queryStart >= 0) context.Request.QueryString = new QueryString(pathAndQuery[queryStart..]);
            if (body is not null)
            {
                context.Request.ContentType = "application/json";
                context.Request.Body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(body));
                // TestServer's own context says "no body" unless a request message carried one.
                context.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
            }
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
                context.Request.Headers[name] = value;
        });

    sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponse response) =>
        await JsonSerializer.DeserializeAsync<JsonElement>(response.Body);
}
