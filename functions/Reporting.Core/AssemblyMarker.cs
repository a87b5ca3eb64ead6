namespace Reporting.Core;

/// <summary>Marks the Core assembly for tests and reflection.</summary>
public static class AssemblyMarker;
