using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Dapper;
using Npgsql;
using StackExchange.Redis;

namespace HeldOut.Chat;

public interface IClientSink
{
    Task SendAsync(string chunk);
}

public sealed class TranscriptStore
{
    private readonly IDatabase _redis;

    public TranscriptStore(IConnectionMultiplexer redis) => _redis = redis.GetDatabase();

    public async Task<RedisValue[]> ReadAsync(string conversationId)
        => await _redis.ListRangeAsync("transcript:" + conversationId, 0, -1);
}

public sealed class StreamResumer
{
    private readonly IConnectionMultiplexer _redis;
    private readonly TranscriptStore _transcripts;

    public StreamResumer(IConnectionMultiplexer redis, TranscriptStore transcripts)
    {
        _redis = redis;
        _transcripts = transcripts;
    }

    // Reconnect: history first, live chunks after. A chunk published in between reaches nobody.
    public async Task ResumeLateAsync(string conversationId, IClientSink client)
    {
        var db = _redis.GetDatabase();
        var history = await db.ListRangeAsync("transcript:" + conversationId, 0, -1);
        foreach (var chunk in history)
        {
            await client.SendAsync(chunk!);
        }

        var subscriber = _redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal("live:" + conversationId), async (_, chunk) => await client.SendAsync(chunk!)); // expect: RACE003
    }

    public async Task ResumeAsync(string conversationId, IClientSink client)
    {
        var seen = new HashSet<string>();
        var subscriber = _redis.GetSubscriber();
        var live = await subscriber.SubscribeAsync(RedisChannel.Literal("live:" + conversationId));
        var history = await _redis.GetDatabase().ListRangeAsync("transcript:" + conversationId, 0, -1);
        foreach (var chunk in history)
        {
            seen.Add(chunk!);
            await client.SendAsync(chunk!);
        }

        live.OnMessage(async message =>
        {
            if (seen.Add(message.Message!))
            {
                await client.SendAsync(message.Message!);
            }
        });
    }

    public async Task ResumeThroughStoreAsync(string conversationId, IClientSink client)
    {
        var history = await _transcripts.ReadAsync(conversationId);
        foreach (var chunk in history)
        {
            await client.SendAsync(chunk!);
        }

        await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("live:" + conversationId), async (_, chunk) => await client.SendAsync(chunk!)); // expect: RACE003
    }

    // The profile read has nothing to do with the conversation's stream.
    public async Task GreetAsync(string userId, string conversationId, IClientSink client)
    {
        var name = await _redis.GetDatabase().StringGetAsync("user:name:" + userId);
        await client.SendAsync("hello " + name);
        await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("live:" + conversationId), async (_, chunk) => await client.SendAsync(chunk!));
    }
}

public sealed class ChangeFeed
{
    private readonly NpgsqlDataSource _db;

    public ChangeFeed(NpgsqlDataSource db) => _db = db;

    public async Task FollowLateAsync(Action<string> onRow, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id"))
        {
            onRow(row);
        }

        conn.Notification += (_, e) => onRow(e.Payload);
        await conn.ExecuteAsync("LISTEN outbox_changed"); // expect: RACE003
        await conn.WaitAsync(ct);
    }

    public async Task FollowAsync(Action<string> onRow, CancellationToken ct)
    {
        await using var conn = await _db.OpenConnectionAsync(ct);
        conn.Notification += (_, e) => onRow(e.Payload);
        await conn.ExecuteAsync("LISTEN outbox_changed");
        foreach (var row in await conn.QueryAsync<string>("SELECT body FROM outbox ORDER BY id"))
        {
            onRow(row);
        }

        await conn.WaitAsync(ct);
    }
}
