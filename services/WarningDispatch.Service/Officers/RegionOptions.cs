namespace WarningDispatch.Service.Officers;

public sealed class RegionOptions
{
    public const string Section = "Region";
    /// <summary>Posts, officers and accounts; relative paths are resolved against the application folder.</summary>
    public string DataFile { get; set; } = "Officers/demo-region.json";

    public string FullPath => Path.IsPathRooted(DataFile) ? DataFile : Path.Combine(AppContext.BaseDirectory, DataFile);
}
