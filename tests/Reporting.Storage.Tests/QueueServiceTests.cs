using Azure;
using Reporting.Storage;
using Reporting.Tests.Azurite;

namespace Reporting.Storage.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class QueueServiceTests(AzuriteFixture azurite)
{
    private readonly QueueService _queues = azurite.Client.Queues;

    private async Task<string> NewQueueAsync()
    {
        var name = AzuriteFixture.UniqueName("q");
        Assert.True(await _queues.CreateQueueIfNotExistsAsync(name, CancellationToken.None));
        return name;
    }

    [Fact]
    public async Task CreateQueue_Twice_SecondReportsExisting()
    {
        var name = await NewQueueAsync();

        Assert.False(await _queues.CreateQueueIfNotExistsAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task Send_ThenReceive_RoundTripsTextWithXmlCharacters()
    {
        var queue = await NewQueueAsync();
        const string text = "{\"subject\":\"<a & b>\"}";

        await _queues.SendAsync(queue, text, null, CancellationToken.None);
        var received = await _queues.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(30), CancellationToken.None);

        var message = Assert.Single(received);
        Assert.Equal(text, message.Text);
        Assert.Equal(1, message.DequeueCount);
        Assert.NotEmpty(message.PopReceipt);
    }

    [Fact]
    public async Task Receive_HiddenMessage_IsNotReceivedAgainUntilVisible()
    {
        var queue = await NewQueueAsync();
        await _queues.SendAsync(queue, "one", null, CancellationToken.None);

        var first = await _queues.ReceiveAsync(queue, 1, TimeSpan.FromMinutes(5), CancellationToken.None);
        var second = await _queues.ReceiveAsync(queue, 1, TimeSpan.FromMinutes(5), CancellationToken.None);

        Assert.Single(first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task UpdateVisibility_ToZero_IncrementsDequeueCountOnNextReceive()
    {
        var queue = await NewQueueAsync();
        await _queues.SendAsync(queue, "retry me", null, CancellationToken.None);
        var first = (await _queues.ReceiveAsync(queue, 1, TimeSpan.FromMinutes(5), CancellationToken.None))[0];

        await _queues.UpdateVisibilityAsync(queue, first.MessageId, first.PopReceipt, TimeSpan.Zero, CancellationToken.None);
        var again = Assert.Single(await _queues.ReceiveAsync(queue, 1, TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Equal(first.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task Delete_ReceivedMessage_RemovesIt()
    {
        var queue = await NewQueueAsync();
        await _queues.SendAsync(queue, "a", null, CancellationToken.None);
        await _queues.SendAsync(queue, "b", null, CancellationToken.None);
        var received = await _queues.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(30), CancellationToken.None);

        var deleted = await _queues.DeleteMessageAsync(queue, received[0].MessageId, received[0].PopReceipt, CancellationToken.None);
        var deletedAgain = await _queues.DeleteMessageAsync(queue, received[0].MessageId, received[0].PopReceipt, CancellationToken.None);

        Assert.True(deleted);
        Assert.False(deletedAgain);
        Assert.Equal(1, await _queues.GetApproximateCountAsync(queue, CancellationToken.None));
    }

    [Fact]
    public async Task Peek_DoesNotHideOrCountDequeue()
    {
        var queue = await NewQueueAsync();
        await _queues.SendAsync(queue, "peek", null, CancellationToken.None);

        var peeked = await _queues.PeekAsync(queue, 32, CancellationToken.None);
        var received = Assert.Single(await _queues.ReceiveAsync(queue, 1, TimeSpan.FromSeconds(30), CancellationToken.None));

        Assert.Equal("peek", Assert.Single(peeked).Text);
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task Send_MissingQueue_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<RequestFailedException>(
            () => _queues.SendAsync(AzuriteFixture.UniqueName("missing"), "x", null, CancellationToken.None));

        Assert.Equal(404, error.Status);
    }
}
