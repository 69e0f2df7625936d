namespace WarningDispatch.Contracts;

/// <summary>Sets the home-visit time limit ("248": 2 h urban, 4 h suburban, 8 h rural).</summary>
public enum AreaType { Urban, Suburban, Rural }
