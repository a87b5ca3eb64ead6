using Reporting.LocalHost.Testing;

namespace Reporting.Functions.Tests.Reliability;

/// <summary>The local host's crash point patterns (<c>REPORTING_LOCAL_CRASH_AT</c>): <c>*</c> is one path segment, matched
/// at the end of a request path, which for Azurite starts with the account name.</summary>
public sealed class CrashPointTests
{
    [Theory]
    // The killed-worker test's first crash point: a run's trial.pdf, under the account segment of a path-style URL.
    [InlineData("reports/*/*/trial.pdf", "/devstoreaccount1/reports/kill-m/ab1d01cbcb2bb96d/trial.pdf", true)]
    // The second: latest.json, directly under the trial's folder.
    [InlineData("reports/*/latest.json", "/devstoreaccount1/reports/kill-b/latest.json", true)]
    // Without the account segment (a host-style URL, as in Azure) the pattern matches the same way.
    [InlineData("reports/*/latest.json", "/reports/kill-b/latest.json", true)]
    // A star is one segment, not several: a site PDF is one folder deeper than trial.pdf's pattern allows.
    [InlineData("reports/*/*/trial.pdf", "/devstoreaccount1/reports/kill-m/run/sites/trial.pdf", false)]
    // A star never matches an empty segment.
    [InlineData("reports/*/latest.json", "/devstoreaccount1/reports//latest.json", false)]
    // Another container with the same tail does not match: the container is part of the pattern.
    [InlineData("reports/*/latest.json", "/devstoreaccount1/archive/kill-b/latest.json", false)]
    // The pattern must end the path: a longer name that merely starts with latest.json is another blob.
    [InlineData("reports/*/latest.json", "/devstoreaccount1/reports/kill-b/latest.json.bak", false)]
    // A dot in the pattern is literal, not a regex wildcard.
    [InlineData("reports/*/latest.json", "/devstoreaccount1/reports/kill-b/latestXjson", false)]
    public void PatternRegex_RequestPath_MatchesOnlyTheNamedBlobs(string pattern, string path, bool expected) =>
        Assert.Equal(expected, CrashPoint.PatternRegex(pattern).IsMatch(path));
}
