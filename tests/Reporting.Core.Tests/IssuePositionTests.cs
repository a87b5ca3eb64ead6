using Reporting.Core.Validation;

namespace Reporting.Core.Tests;

/// <summary>Where an issue is: the column's position in the header travels with its name, so tools that count
/// columns (compilers' <c>file(line,column)</c>, CI annotations) can point at the field.</summary>
public sealed class IssuePositionTests
{
    [Fact]
    public void ColumnNumber_ColumnsInAnotherOrder_IsThePositionInThisFilesHeader()
    {
        // site_id is the contract's second column but this file's fourth.
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("participants.csv", """
            arm,participant_id,randomised_on,site_id
            peer_support,P1,2019-01-01,S9
            """));

        var issue = Assert.Single(bundle.File("participants.csv").Issues);
        Assert.Equal((IssueCodes.UnknownSite, 2, "site_id", 4), (issue.Code, issue.Line, issue.Column, issue.ColumnNumber));
    }

    [Fact]
    public void ColumnNumber_UnknownColumn_IsItsPosition()
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", """
            site_id,site_name,colour
            S1,North,blue
            """));

        var issue = Assert.Single(bundle.File("sites.csv").Issues);
        Assert.Equal((IssueCodes.UnknownColumn, 1, "#3", 3), (issue.Code, issue.Line, issue.Column, issue.ColumnNumber));
    }

    [Fact]
    public void ColumnNumber_MissingColumnOrWholeRow_IsNull()
    {
        // A missing column has no position; a row with too many fields is about no one column.
        var missing = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", "site_id\nS1\n"));
        var row = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", "site_id,site_name\nS1,North,extra\n"));

        var missingIssue = Assert.Single(missing.File("sites.csv").Issues);
        var rowIssue = Assert.Single(row.File("sites.csv").Issues);
        Assert.Equal((IssueCodes.MissingColumn, (int?)null), (missingIssue.Code, missingIssue.ColumnNumber));
        Assert.Equal((IssueCodes.FieldCount, (int?)null), (rowIssue.Code, rowIssue.ColumnNumber));
    }

    [Fact]
    public void ColumnNumber_CappedIssueSummary_HasNoPosition()
    {
        // 101 unknown sites: the first 100 are listed, the rest summarised in one issue that points at no field.
        var rows = string.Join("\n", Enumerable.Range(1, 101).Select(i => $"P{i},S9,peer_support,2019-01-01"));
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites),
            ("participants.csv", "participant_id,site_id,arm,randomised_on\n" + rows));

        var summary = Assert.Single(bundle.File("participants.csv").Issues, i => i.Line is null);
        Assert.Null(summary.ColumnNumber);
        Assert.Equal(100, bundle.File("participants.csv").Issues.Count(i => i.ColumnNumber == 2));
    }
}
