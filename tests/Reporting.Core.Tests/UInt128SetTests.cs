using Reporting.Core.Export;

namespace Reporting.Core.Tests;

public class UInt128SetTests
{
    [Fact]
    public void Add_SameValueTwice_SecondIsRefused()
    {
        var set = new UInt128Set();

        Assert.True(set.Add(new UInt128(1, 2)));
        Assert.False(set.Add(new UInt128(1, 2)));
        Assert.True(set.Add(new UInt128(2, 1)));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Add_Zero_IsAValueLikeAnyOther()
    {
        // (0, 0) marks an empty slot inside the table, so zero is kept aside; it must still be a member once.
        var set = new UInt128Set();

        Assert.True(set.Add(UInt128.Zero));
        Assert.False(set.Add(UInt128.Zero));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void Add_ManyValuesThroughGrowth_KeepsEveryMember()
    {
        // Far past the first table's size, with values that differ only in the upper half (same probe start).
        var set = new UInt128Set();
        const int n = 100_000;
        for (ulong i = 1; i <= n; i++)
        {
            Assert.True(set.Add(new UInt128(i, 7)));
        }

        for (ulong i = 1; i <= n; i++)
        {
            Assert.False(set.Add(new UInt128(i, 7)));
        }

        Assert.True(set.Add(new UInt128(n + 1, 7)));
        Assert.Equal(n + 1, set.Count);
    }
}
