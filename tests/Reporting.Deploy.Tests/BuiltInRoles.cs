namespace Reporting.Deploy.Tests;

/// <summary>
/// Azure built-in role definition ids the infra may use, checked against Microsoft Learn, "Azure built-in roles"
/// (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles, Storage, Security and Monitor
/// sections). Ids are the same in every tenant. A mistyped id would deploy as "role definition not found" or,
/// worse, grant a different role, so the Bicep's ids and the names it gives them are held against this list.
/// </summary>
internal static class BuiltInRoles
{
    public static IReadOnlyDictionary<string, string> ById { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["8a0f0c08-91a1-4084-bc3d-661d67233fed"] = "Storage Queue Data Message Processor",
        ["c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"] = "Storage Queue Data Message Sender",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["17d1049b-9a84-46fb-8f53-869881c3d3ab"] = "Storage Account Contributor",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    public static string IdOf(string roleName) =>
        ById.Single(pair => pair.Value == roleName).Key;
}
