namespace WarningDispatch.Service.Consoles;

/// <summary><c>Consoles:*</c>: what the consoles offer that differs between places.</summary>
public sealed class ConsoleOptions
{
    public const string Section = "Consoles";

    /// <summary>The navigation links the phone offers, in order; null (unset) means all of them.</summary>
    public static readonly IReadOnlyList<string> AllNavigationLinks = ["geo", "amap", "baidu"];

    /// <summary>
    /// Which navigation links the phone shows for the person's location: <c>geo</c> (the phone's own map app),
    /// <c>amap</c> (高德), <c>baidu</c> (百度). Local practice differs; unknown names are ignored.
    /// </summary>
    public List<string>? NavigationLinks { get; set; }
}
