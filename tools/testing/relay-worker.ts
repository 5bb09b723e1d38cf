// A relay in its own process, for tests that kill it (SIGKILL) mid-stream and start another.
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { MongoEventStore } from '@lianjian/event-store';
import { OutboxRelay } from '@lianjian/messaging';

async function main(): Promise<void> {
  const env = (name: string): string => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is required`);
    return value;
  };
  const client = await new MongoClient(env('MONGODB_URI')).connect();
  const db = client.db(env('RELAY_DB'));
  const store = new MongoEventStore({ db });
  const kafka = new Kafka({
    clientId: 'relay-worker',
    brokers: env('KAFKA_BROKERS').split(','),
    logLevel: logLevel.NOTHING,
  });
  const topic = env('RELAY_TOPIC');
  const relay = new OutboxRelay({
    service: env('RELAY_SERVICE'),
    store,
    db,
    kafka,
    topicFor: () => topic,
    topics: [{ name: topic, partitions: 3 }],
    batchSize: Number(process.env['RELAY_BATCH'] ?? 20),
    leaseMs: Number(process.env['RELAY_LEASE_MS'] ?? 1500),
  });
  relay.start();
  process.stdout.write('relay started\n');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
