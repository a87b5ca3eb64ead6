using Reporting.Storage;

namespace Reporting.Functions.Hosting;

/// <summary>Creates the containers, queues and tables of <see cref="StorageNames"/>. In Azure, infra/ creates them;
/// locally the dev host and the tests call this against Azurite.</summary>
public static class StorageBootstrap
{
    public static async Task EnsureCreatedAsync(StorageClient storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storage);
        foreach (var container in StorageNames.Containers)
        {
            await storage.Blobs.CreateContainerIfNotExistsAsync(container, cancellationToken);
        }

        foreach (var queue in StorageNames.Queues)
        {
            await storage.Queues.CreateQueueIfNotExistsAsync(queue, cancellationToken);
        }

        foreach (var table in StorageNames.Tables)
        {
            await storage.Tables.CreateTableIfNotExistsAsync(table, cancellationToken);
        }
    }
}
