using System.Diagnostics.CodeAnalysis;

namespace WarningDispatch.Contracts;

/// <summary>The figures of the tasks a police post holds (its current post; unrouted tasks belong to none).</summary>
public record PostReport : ReportFigures
{
    public required string PostId { get; init; }
    /// <summary>The post's name from the region's registry.</summary>
    public required string Name { get; init; }
    public required AreaType AreaType { get; init; }

    public PostReport() { }

    [SetsRequiredMembers]
    public PostReport(ReportFigures figures, string postId, string name, AreaType areaType) : base(figures)
    {
        PostId = postId;
        Name = name;
        AreaType = areaType;
    }
}
