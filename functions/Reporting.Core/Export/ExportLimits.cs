namespace Reporting.Core.Export;

/// <summary>Limits enforced while a file is read, before the whole file is held (docs/export-contract.md).</summary>
public sealed record ExportLimits(long MaxFileBytes, int MaxRows, int MaxFieldLength, long MaxSettingsBytes)
{
    /// <summary>Generous defaults: 1 GiB a file, 5 million rows, 8,000 characters a field, 1 MiB of settings.</summary>
    public static ExportLimits Default { get; } = new(1L << 30, 5_000_000, 8_000, 1L << 20);
}
