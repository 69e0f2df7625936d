namespace WarningDispatch.TestSupport;

/// <summary>The repository the tests run from: where artifacts/ goes and where the service's files are read.</summary>
public static class Repository
{
    /// <summary>The directory holding WarningDispatch.sln, above the test assembly.</summary>
    public static string Root { get; } = Find();

    static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "WarningDispatch.sln"))) dir = dir.Parent;
        return dir?.FullName
            ?? throw new InvalidOperationException("WarningDispatch.sln not found above " + AppContext.BaseDirectory);
    }
}
