using System.Text;
using Reporting.Core.Export;
using Reporting.Core.Validation;

namespace Reporting.Core.Tests;

public class ValidationTests
{
    [Fact]
    public void Bundle_ValidInlineExport_HasNoErrors()
    {
        var bundle = Exports.WithContacts("""
            contact_id,participant_id,contact_on,status
            C1,P1,2019-01-05,completed
            """);

        Assert.False(bundle.HasErrors, string.Join("\n", bundle.Files.SelectMany(f => f.Issues)));
        Assert.Equal(2, bundle.Sites!.Count);
        Assert.Equal(2, bundle.Participants!.Count);
        Assert.Equal(1, bundle.Contacts!["P1"].Counted);
    }

    [Fact]
    public void Participants_UnknownSite_ReportsLineAndColumn()
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("participants.csv", """
            participant_id,site_id,arm,randomised_on
            P1,S1,peer_support,2019-01-01
            P2,S9,peer_support,2019-01-01
            """));

        var issue = Assert.Single(bundle.File("participants.csv").Issues);
        Assert.Equal((3, "site_id", IssueCodes.UnknownSite, Severity.Error), (issue.Line!.Value, issue.Column!, issue.Code, issue.Severity));
        Assert.Null(bundle.Participants);
    }

    [Fact]
    public void Participants_DuplicateId_IsError()
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("participants.csv", """
            participant_id,site_id,arm,randomised_on
            P1,S1,peer_support,2019-01-01
            P1,S2,usual_care,2019-01-02
            """));

        var issue = Assert.Single(bundle.File("participants.csv").Issues);
        Assert.Equal((3, "participant_id", IssueCodes.DuplicateId), (issue.Line!.Value, issue.Column!, issue.Code));
    }

    [Theory]
    [InlineData("P1,S1,peer_support,2019-01-10,2019-01-05,,", IssueCodes.DischargeBeforeRandomisation, "discharged_on")] // discharge must not precede randomisation
    [InlineData("P1,S1,peer_support,2019-01-10,,,2019-01-05", IssueCodes.WithdrawalBeforeRandomisation, "withdrawn_on")] // nor may withdrawal
    [InlineData("P1,S1,peer_support,2091-01-10,,,", IssueCodes.DateAfterCutOff, "randomised_on")] // a typing slip such as 2091 must not enter the figures
    [InlineData("P1,S1,peer_support,10/01/2019,,,", IssueCodes.InvalidDate, "randomised_on")] // only ISO 8601 dates
    [InlineData("P1,S1,peer-support,2019-01-10,,,", IssueCodes.InvalidEnum, "arm")] // enumerations are closed sets
    [InlineData("P1,S1,peer_support,2019-01-10,,maybe,", IssueCodes.InvalidEnum, "readmitted_12m")] // yes, no or blank
    [InlineData("P 1,S1,peer_support,2019-01-10,,,", IssueCodes.InvalidIdentifier, "participant_id")] // ids become blob names
    [InlineData(".P1,S1,peer_support,2019-01-10,,,", IssueCodes.InvalidIdentifier, "participant_id")] // a leading dot is refused
    [InlineData(",S1,peer_support,2019-01-10,,,", IssueCodes.Required, "participant_id")] // required values may not be blank
    public void Participants_BadRow_ReportsRuleAtLineAndColumn(string row, string code, string column)
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("participants.csv",
            "participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on\n" + row));

        var issue = Assert.Single(bundle.File("participants.csv").Issues, i => i.Code == code);
        Assert.Equal(2, issue.Line);
        Assert.Equal(column, issue.Column);
        Assert.Equal(Severity.Error, issue.Severity);
    }

    [Fact]
    public void Messages_NeverContainTheCellValue()
    {
        const string secret = "ZZSECRET99";
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("participants.csv",
            $"participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on\n{secret},{secret},{secret},{secret},{secret},{secret},{secret}\n"),
            ("contacts.csv", $"contact_id,participant_id,contact_on,status\n{secret},{secret},{secret},{secret}\n"));

        var issues = bundle.Files.SelectMany(f => f.Issues).ToList();
        Assert.True(issues.Count >= 5);
        Assert.All(issues, i => Assert.DoesNotContain(secret, i.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Header_WithoutHeaderRow_NamesColumnsByPositionNotValue()
    {
        // The first data row taken as a header must not leak into messages.
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", "S1,Northgate Secret\n"));

        var issues = bundle.File("sites.csv").Issues;
        Assert.Contains(issues, i => i.Code == IssueCodes.MissingColumn && i.Column == "site_id");
        Assert.Contains(issues, i => i.Code == IssueCodes.UnknownColumn && i.Column == "#2");
        Assert.All(issues, i => Assert.DoesNotContain("Secret", i.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Header_ColumnNamesCaseInsensitiveAndUnknownColumnIsWarning()
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", "SITE_ID,Site_Name,notes\nS1,North,x\n"));

        var file = bundle.File("sites.csv");
        Assert.False(file.HasErrors);
        var warning = Assert.Single(file.Issues);
        Assert.Equal((IssueCodes.UnknownColumn, Severity.Warning, "#3"), (warning.Code, warning.Severity, warning.Column!));
        Assert.Equal("North", bundle.Sites!.Single().SiteName);
    }

    [Fact]
    public void Csv_QuotedFieldWithLineBreak_LineNumbersFollowPhysicalLines()
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", "site_id,site_name\nS1,\"North\nand more\"\nS2,\"South, \"\"quoted\"\"\"\nS1,Again\n"));

        var issue = Assert.Single(bundle.File("sites.csv").Issues);
        Assert.Equal((IssueCodes.DuplicateId, 5), (issue.Code, issue.Line!.Value));
    }

    [Fact]
    public void Csv_FieldCountMismatch_ReportedWithLine()
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", "site_id,site_name\nS1,North\nS2,South,extra\n"));

        var issue = Assert.Single(bundle.File("sites.csv").Issues);
        Assert.Equal((IssueCodes.FieldCount, 3), (issue.Code, issue.Line!.Value));
    }

    [Fact]
    public void Csv_StrayQuote_ReportedAsMalformed()
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", "site_id,site_name\nS1,No\"rth\nS2,South\n"));

        var issue = Assert.Single(bundle.File("sites.csv").Issues);
        Assert.Equal((IssueCodes.MalformedCsv, 2), (issue.Code, issue.Line!.Value));
    }

    [Fact]
    public void Encoding_Utf16_IsNotUtf8Error()
    {
        var utf16 = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("site_id,site_name\nS1,North\n")).ToArray();
        var bundle = ExportBundleReader.Read([ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(Exports.Trial)), ExportFile.FromBytes("sites.csv", utf16)]);

        Assert.Equal(IssueCodes.NotUtf8, Assert.Single(bundle.File("sites.csv").Issues).Code);
    }

    [Fact]
    public void Encoding_Latin1InLaterRow_IsNotUtf8Error()
    {
        var bytes = Encoding.UTF8.GetBytes("site_id,site_name\nS1,North\nS2,Z").Concat(new byte[] { 0xFC, (byte)'r', (byte)'\n' }).ToArray();
        var bundle = ExportBundleReader.Read([ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(Exports.Trial)), ExportFile.FromBytes("sites.csv", bytes)]);

        Assert.Contains(bundle.File("sites.csv").Issues, i => i.Code == IssueCodes.NotUtf8);
        Assert.Null(bundle.Sites);
    }

    [Fact]
    public void Encoding_Utf8BomAndUnicodeNames_Accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("site_id,site_name\nS1,Be’er Sheva\nS2,Ynys Môn\n")).ToArray();
        var bundle = ExportBundleReader.Read([ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(Exports.Trial)), ExportFile.FromBytes("sites.csv", bytes)]);

        Assert.False(bundle.File("sites.csv").HasErrors);
        Assert.Equal(["Be’er Sheva", "Ynys Môn"], bundle.Sites!.Select(s => s.SiteName));
    }

    [Fact]
    public void Limits_FileTooLarge_StopsReadingAndStillHashesWholeFile()
    {
        var content = "site_id,site_name\n" + string.Concat(Enumerable.Range(0, 1000).Select(i => $"S{i},Site {i}\n"));
        var bytes = Encoding.UTF8.GetBytes(content);
        var limits = ExportLimits.Default with { MaxFileBytes = 1024 };
        var bundle = ExportBundleReader.Read([ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(Exports.Trial)), ExportFile.FromBytes("sites.csv", bytes)], limits);

        var file = bundle.File("sites.csv");
        Assert.Contains(file.Issues, i => i.Code == IssueCodes.FileTooLarge);
        Assert.Equal(bytes.Length, file.Bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), file.Sha256);
    }

    [Fact]
    public void Limits_TooManyRows_ReportedAtTheRowOverTheLimit()
    {
        var limits = ExportLimits.Default with { MaxRows = 2 };
        var bundle = ExportBundleReader.Read([ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(Exports.Trial)),
            ExportFile.FromBytes("sites.csv", Encoding.UTF8.GetBytes("site_id,site_name\nS1,A\nS2,B\nS3,C\nS4,D\n"))], limits);

        var issue = Assert.Single(bundle.File("sites.csv").Issues);
        Assert.Equal((IssueCodes.TooManyRows, 4), (issue.Code, issue.Line!.Value));
    }

    [Fact]
    public void Limits_FieldTooLong_Reported()
    {
        var limits = ExportLimits.Default with { MaxFieldLength = 10 };
        var bundle = ExportBundleReader.Read([ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(Exports.Trial)),
            ExportFile.FromBytes("sites.csv", Encoding.UTF8.GetBytes("site_id,site_name\nS1,A very long site name indeed\n"))], limits);

        var issue = Assert.Single(bundle.File("sites.csv").Issues);
        Assert.Equal((IssueCodes.FieldTooLong, 2, "site_name"), (issue.Code, issue.Line!.Value, issue.Column!));
    }

    [Fact]
    public void Limits_UnclosedQuote_DoesNotSwallowTheFileSilently()
    {
        var limits = ExportLimits.Default with { MaxFieldLength = 100 };
        var rows = string.Concat(Enumerable.Range(0, 20000).Select(i => $"S{i},Site\n"));
        var bundle = ExportBundleReader.Read([ExportFile.FromBytes("trial.json", Encoding.UTF8.GetBytes(Exports.Trial)),
            ExportFile.FromBytes("sites.csv", Encoding.UTF8.GetBytes("site_id,site_name\nS1,\"North\n" + rows))], limits);

        Assert.True(bundle.File("sites.csv").HasErrors);
        Assert.Null(bundle.Sites);
    }

    [Fact]
    public void Contacts_UsualCareParticipant_IsError()
    {
        var bundle = Exports.WithContacts("contact_id,participant_id,contact_on,status\nC1,U1,2019-01-05,completed\n");

        var issue = Assert.Single(bundle.File("contacts.csv").Issues);
        Assert.Equal((IssueCodes.ContactUsualCare, 2, "participant_id"), (issue.Code, issue.Line!.Value, issue.Column!));
    }

    [Fact]
    public void Contacts_UnknownParticipantAndDuplicateContactId_AreErrors()
    {
        var bundle = Exports.WithContacts("contact_id,participant_id,contact_on,status\nC1,P1,2019-01-05,completed\nC1,P1,2019-01-06,completed\nC2,P9,2019-01-06,completed\n");

        var codes = bundle.File("contacts.csv").Issues.Select(i => (i.Code, i.Line!.Value)).ToList();
        Assert.Equal([(IssueCodes.DuplicateId, 3), (IssueCodes.UnknownParticipant, 4)], codes);
    }

    [Fact]
    public void Contacts_DuplicateContactIds_ReportedAtTheirRowsBeforeTheRowsOtherIssues()
    {
        // Duplicates are found once every row is read; they must still sit in line order among the other issues, and
        // before the same row's later checks: line 3 repeats C1 and has an unknown participant; line 4 is a field-count
        // fault (the row is skipped); line 5 repeats C1 again; line 6 repeats C2 with a bad date.
        var bundle = Exports.WithContacts(
            "contact_id,participant_id,contact_on,status\n" +
            "C1,P1,2019-01-05,completed\n" +
            "C1,P9,2019-01-06,completed\n" +
            "C3,P1,2019-01-06\n" +
            "C1,P1,2019-01-07,completed\n" +
            "C2,P1,2019-01-08,completed\n" +
            "C2,P1,2019-13-08,completed\n");

        var codes = bundle.File("contacts.csv").Issues.Select(i => (i.Code, i.Line!.Value)).ToList();
        Assert.Equal(
            [
                (IssueCodes.DuplicateId, 3), (IssueCodes.UnknownParticipant, 3), (IssueCodes.FieldCount, 4),
                (IssueCodes.DuplicateId, 5), (IssueCodes.DuplicateId, 7), (IssueCodes.InvalidDate, 7),
            ],
            codes);
        Assert.All(bundle.File("contacts.csv").Issues.Where(i => i.Code == IssueCodes.DuplicateId), i => Assert.Equal(("contact_id", 1), (i.Column!, i.ColumnNumber!.Value)));
    }

    [Fact]
    public void Contacts_BeforeRandomisation_IsWarningAndNotCounted()
    {
        var bundle = Exports.WithContacts("contact_id,participant_id,contact_on,status\nC1,P1,2018-12-30,completed\n");

        var file = bundle.File("contacts.csv");
        Assert.False(file.HasErrors);
        Assert.Equal(IssueCodes.ContactBeforeRandomisation, Assert.Single(file.Issues).Code);
        Assert.Equal(0, bundle.Contacts!["P1"].Counted);
    }

    [Fact]
    public void Fidelity_ScoreOutOfRangeUnknownItemAndDuplicate_AreErrors()
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("fidelity.csv", """
            site_id,assessed_on,rater_id,item_id,score
            S1,2019-05-01,R1,i1,3
            S1,2019-05-01,R1,i9,1
            S1,2019-05-01,R1,i2,1
            S1,2019-05-01,R1,i2,2
            """));

        var codes = bundle.File("fidelity.csv").Issues.Select(i => (i.Code, i.Line!.Value)).ToList();
        Assert.Equal([(IssueCodes.ScoreOutOfRange, 2), (IssueCodes.UnknownItem, 3), (IssueCodes.DuplicateScore, 5)], codes);
    }

    [Fact]
    public void Codings_UnknownSiteAndDomainOutsideTheFramework_AreErrors()
    {
        var trial = Exports.Trial.Replace("\"comparison\": { \"minSourcesPerCode\": 1 }", "\"comparison\": { \"minSourcesPerCode\": 1, \"framework\": \"parihs-enrich\" }", StringComparison.Ordinal);
        var bundle = Exports.Read(("trial.json", trial), ("sites.csv", Exports.Sites), ("codings.csv", """
            site_id,source,role,domain,construct,code,valence,excerpt
            S1,S1PW1,pw,context,Culture,Open culture,facilitator,"We said ""yes"", always"
            S7,S7PW1,pw,context,Culture,Open culture,facilitator,
            S1,S1PW2,pw,weather,Culture,Open culture,facilitator,
            """));

        var codes = bundle.File("codings.csv").Issues.Select(i => (i.Code, i.Line!.Value, i.Column)).ToList();
        Assert.Equal([(IssueCodes.UnknownSite, 3, "site_id"), (IssueCodes.UnknownDomain, 4, "domain")], codes);
    }

    [Fact]
    public void Codings_OpenFramework_AcceptsAnyDomainInLowerCase()
    {
        // The open framework (the default) takes any domain, so exports made before frameworks existed stay valid.
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("codings.csv", """
            site_id,source,role,domain,construct,code,valence,excerpt
            S1,S1PW1,pw,Context,Culture,Open culture,facilitator,
            S1,S1PW2,pw,weather,Sunshine,Open culture,facilitator,
            """));

        Assert.Empty(bundle.File("codings.csv").Issues);
        Assert.Equal(["context", "weather"], bundle.Codings!.Select(c => c.Domain));
    }

    [Fact]
    public void Bundle_MissingOptionalDataset_IsWarningAndMissingRequiredIsError()
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites));

        Assert.Contains(bundle.BundleIssues, i => i.File == "participants.csv" && i.Code == IssueCodes.DatasetMissing && i.Severity == Severity.Error);
        Assert.Contains(bundle.BundleIssues, i => i.File == "codings.csv" && i.Code == IssueCodes.DatasetMissing && i.Severity == Severity.Warning);
    }

    [Fact]
    public void Bundle_ManyBadRows_IssuesAreCappedWithSummary()
    {
        var rows = string.Concat(Enumerable.Range(0, 500).Select(i => $"P{i},S9,peer_support,2019-01-01\n"));
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("participants.csv", "participant_id,site_id,arm,randomised_on\n" + rows));

        var issues = bundle.File("participants.csv").Issues;
        Assert.Equal(101, issues.Count);
        Assert.Contains("400 more", issues[^1].Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "trialId": "t1" }""", IssueCodes.MissingSetting, "title")] // the title heads every report
    [InlineData("""{ "trialId": "t 1", "title": "x" }""", IssueCodes.InvalidIdentifier, "trialId")] // the id becomes a blob path
    [InlineData("""{ "trialId": "t1", "title": "x", "dataCutOff": "30/06/2019" }""", IssueCodes.InvalidDate, "dataCutOff")] // ISO dates only
    [InlineData("""{ "trialId": "t1", "title": "x", "classification": { "engagementHigh": 60, "engagementLow": 45, "fidelityHigh": 10, "fidelityLow": 7 } }""", IssueCodes.InvalidSetting, "classification")] // percentages instead of proportions
    [InlineData("""{ "trialId": "t1", "title": "x", "classification": { "engagementHigh": 0.4, "engagementLow": 0.5, "fidelityHigh": 10, "fidelityLow": 7 } }""", IssueCodes.InvalidSetting, "classification")] // low above high
    [InlineData("""{ "trialId": "t1", "title": "x", "fidelity": { "items": [ { "itemId": "a", "min": 3, "max": 1 } ] } }""", IssueCodes.InvalidSetting, "fidelity.items[0]")] // inverted range
    [InlineData("""{ "trialId": "t1", "title": "x", "engagement": { "minContacts": 0 } }""", IssueCodes.InvalidSetting, "engagement.minContacts")] // at least one contact
    public void TrialSettings_BadSetting_ReportsPath(string json, string code, string column)
    {
        var result = TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), ExportLimits.Default);

        Assert.Null(result.Settings);
        Assert.Contains(result.Issues, i => i.Code == code && i.Column == column);
    }

    [Fact]
    public void TrialSettings_NotJson_ReportsLine()
    {
        var result = TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes("{\n  \"trialId\": \"t1\",\n  oops\n}")), ExportLimits.Default);

        var issue = Assert.Single(result.Issues);
        Assert.Equal((IssueCodes.InvalidJson, 3), (issue.Code, issue.Line!.Value));
    }

    [Fact]
    public void TrialSettings_LargerThanLimit_StopsReadingWithFileTooLarge()
    {
        // A settings file is small; a huge one (a data file renamed by mistake) must not be read whole.
        var limits = ExportLimits.Default with { MaxSettingsBytes = 1024 };
        var huge = "{ \"trialId\": \"t1\", \"title\": \"" + new string('x', 10_000) + "\" }";

        var result = TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(huge)), limits);

        Assert.Null(result.Settings);
        Assert.Equal(IssueCodes.FileTooLarge, Assert.Single(result.Issues).Code);
        Assert.True(result.Bytes <= 1024 + 81920);
    }

    [Theory]
    [InlineData("\"title\": \"Trial \\ud800\"")] // a high surrogate with no low one after it
    [InlineData("\"title\": \"\\udc00 trial\"")] // a low surrogate alone
    [InlineData("\"title\": \"\\udfff\\ud800\"")] // a pair in the wrong order
    [InlineData("\"roles\": [\"pw\", \"\\ud800\"]")] // in a list of names
    [InlineData("\"qca\": { \"outcome\": \"engagement\", \"conditions\": [\"\\ud800=x\"] }")] // in a QCA condition
    [InlineData("\"\\ud800\": 1")] // in a property name
    public void TrialSettings_LoneSurrogateEscape_IsInvalidJsonNotAnException(string setting)
    {
        // Found by the contract fuzzer: JSON lets a \u escape name half a surrogate pair, and reading such a string threw
        // InvalidOperationException out of the reader.
        var json = Exports.Trial.TrimEnd().TrimEnd('}') + ", " + setting + " }";

        var result = TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), ExportLimits.Default);

        Assert.Null(result.Settings);
        var issue = Assert.Single(result.Issues);
        Assert.Equal((IssueCodes.InvalidJson, TrialSettingsReader.FileName), (issue.Code, issue.File));
    }

    [Fact]
    public void Fidelity_TrialJsonWithoutInstrument_IssueIsAboutTheFileNotLineZero()
    {
        // Found by the contract fuzzer: the issue was reported before any row was read, at line 0.
        var trial = Exports.Trial.Replace("\"fidelity\":", "\"unused\":", StringComparison.Ordinal);
        var bundle = Exports.Read(("trial.json", trial), ("sites.csv", Exports.Sites), ("fidelity.csv", "site_id,assessed_on,rater_id,item_id,score\nS1,2019-05-01,R1,i1,1"));

        var issue = bundle.File("fidelity.csv").Issues.First(i => i.Code == IssueCodes.MissingSetting);
        Assert.Null(issue.Line);
        Assert.Null(issue.Column);
    }

    [Fact]
    public void TrialSettings_TrialIdDiffersFromFolder_IsError()
    {
        var result = TrialSettingsReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(Exports.Trial)), ExportLimits.Default, expectedTrialId: "other");

        Assert.Contains(result.Issues, i => i.Code == IssueCodes.TrialIdMismatch);
    }

    [Fact]
    public void IssueCodes_AllListed_AreUniqueAndDocumented()
    {
        var constants = typeof(IssueCodes).GetFields().Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(constants.Order(), IssueCodes.All.Select(c => c.Code).Order());
        Assert.Equal(constants.Count, constants.Distinct().Count());
    }

    [Fact]
    public void IssueCodes_All_ListedInTheReadmesRuleTable()
    {
        // Users look codes up in the README; a rule without a row there is undocumented.
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));

        Assert.All(IssueCodes.All, c => Assert.Contains($"| `{c.Code}` |", readme, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("yes", true)] // the contract's spelling
    [InlineData("NO", false)] // enumerations are case-insensitive
    [InlineData("Yes", true)] // in any mix of cases
    [InlineData("ye\u017f", null)] // but no non-ASCII letter stands in for an ASCII one ('ſ' is not 's')
    [InlineData("y", null)] // nor does an abbreviation
    public void Participants_Readmitted_ReadCaseInsensitively(string value, bool? expected)
    {
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("participants.csv",
            $"participant_id,site_id,arm,randomised_on,discharged_on,readmitted_12m,withdrawn_on\nP1,S1,peer_support,2019-01-10,,{value},\n"));

        var issues = bundle.File("participants.csv").Issues;
        if (expected is null)
        {
            var issue = Assert.Single(issues);
            Assert.Equal((IssueCodes.InvalidEnum, "readmitted_12m"), (issue.Code, issue.Column!));
        }
        else
        {
            Assert.Empty(issues);
            Assert.Equal(expected, Assert.Single(bundle.Participants!).Readmitted12m);
        }
    }

    [Fact]
    public void Participants_SiteId_IsTheSitesOwnString()
    {
        // Participants refer to their site by the id sites.csv gave, not a copy per row: a large trial's memory depends on it.
        var bundle = Exports.Read(("trial.json", Exports.Trial), ("sites.csv", Exports.Sites), ("participants.csv", Exports.Participants));

        var site = bundle.Sites!.Single(s => s.SiteId == "S1");
        Assert.All(bundle.Participants!, p => Assert.Same(site.SiteId, p.SiteId));
    }
}
