// npm run dlq:replay -- --group <consumer group> [--dry-run] [--brokers host:port,…]
//
// Replays a consumer group's dead letters (`<group>.dlq`) once their cause is fixed: each goes to the group's replay
// topic (`<group>.replay`), which only that group reads and dispatches as if from the original topic. Progress is
// committed with each batch in one Kafka transaction (group `<group>.dlq-replayer`): a dead letter is replayed
// once. `--dry-run` lists what would be replayed and changes nothing. Prints topic, partition, offset, event type
// and the error of each dead letter — never its payload. See docs/adr/0014-consumer-retries-and-dead-letters.md.
//
// Brokers: --brokers, else KAFKA_BROKERS. The group is the full consumer group id, deployment prefix included
// (e.g. `lianjian.members.projections`, or `<TOPIC_PREFIX>lianjian.members.projections`).
// In a container image: node dist/tools/dlq-replay.js --group … (the build compiles tools/).
import { parseArgs } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { type DeadLetter, deadLetterTopicOf, replayDeadLetters, replayTopicOf } from '../libs/shared/messaging/src';

const USAGE = 'usage: npm run dlq:replay -- --group <consumer group> [--dry-run] [--brokers host:port,…]';

function line(d: DeadLetter): string {
  const origin = d.originalTopic
    ? `${d.originalTopic}/${d.originalPartition ?? '?'}@${d.originalOffset ?? '?'}`
    : 'unknown origin';
  return `  ${d.partition}@${d.offset}  ${origin}  ${d.eventType ?? 'unknown type'}  ${d.reason ?? '?'}: ${d.error ?? ''}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      group: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      brokers: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const groupId = values.group;
  const brokers = values.brokers ?? process.env['KAFKA_BROKERS'];
  if (!groupId) {
    console.error(USAGE);
    return 2;
  }
  if (!brokers) {
    console.error('no brokers: pass --brokers or set KAFKA_BROKERS (locally: export $(bash tools/infra/infra.sh env))');
    return 2;
  }
  const dryRun = values['dry-run'] ?? false;
  const kafka = new Kafka({ clientId: 'lianjian-dlq-replay', brokers: brokers.split(','), logLevel: logLevel.ERROR });
  console.log(
    `${dryRun ? 'dry run: would replay' : 'replaying'} ${deadLetterTopicOf(groupId)} → ${replayTopicOf(groupId)}`,
  );
  const result = await replayDeadLetters({ kafka, groupId, dryRun, onDeadLetter: (d) => console.log(line(d)) });
  const count = result.deadLetters.length;
  console.log(dryRun ? `${count} dead letter(s) would be replayed` : `${count} dead letter(s) replayed`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`dlq replay failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
