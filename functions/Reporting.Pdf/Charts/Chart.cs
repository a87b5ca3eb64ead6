using PdfSharp.Drawing;

namespace Reporting.Pdf;

/// <summary>
/// A vector chart that draws itself into the rectangle its figure is given. Charts format the numbers
/// they are handed and never compute a statistic.
/// </summary>
public abstract record Chart
{
    private protected Chart()
    {
    }

    /// <summary>The height the chart would like for a given width, in points.</summary>
    internal abstract double PreferredHeight(double width);

    internal abstract void Draw(XGraphics gfx, XRect area);
}

/// <summary>How axis values are printed: as numbers, or proportions (0–1) printed as percentages.</summary>
public enum AxisFormat
{
    Number,
    Percent,
}

/// <summary>A chart axis: title, range, tick spacing and number format.</summary>
public sealed record ChartAxis
{
    public ChartAxis(string title, double min, double max, double tickStep)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (!(max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), "An axis maximum must exceed its minimum.");
        }

        if (!(tickStep > 0) || (max - min) / tickStep > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(tickStep), "A tick step must be positive and give at most 100 ticks.");
        }

        Title = title;
        Min = min;
        Max = max;
        TickStep = tickStep;
    }

    public string Title { get; }

    public double Min { get; }

    public double Max { get; }

    public double TickStep { get; }

    public AxisFormat Format { get; init; } = AxisFormat.Number;

    /// <summary>Decimal places of tick labels and value labels.</summary>
    public int Decimals { get; init; }

    /// <summary>A proportion axis from 0% to 100% with ticks every 20%.</summary>
    public static ChartAxis Percent(string title) => new(title, 0, 1, 0.2) { Format = AxisFormat.Percent };
}

/// <summary>A point in chart data coordinates.</summary>
public readonly record struct ChartPoint(double X, double Y);

/// <summary>How a site is marked on a chart.</summary>
public enum SiteMarking
{
    /// <summary>A site not selected for comparison.</summary>
    Site,

    /// <summary>A contrasting case (high–high or low–low).</summary>
    SelectedCase,

    /// <summary>An outlier case.</summary>
    Outlier,
}
