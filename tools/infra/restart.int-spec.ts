import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient, MongoServerError } from 'mongodb';
import { uniqueName } from '@lianjian/testing';

// The local run (`npm start`) keeps its database in an H2 file (tools/infra/infra.sh, LIANJIAN_DB_BACKEND=h2): what
// the database acknowledged before `down` must be there after `up`, indexes included. This test starts a database of
// its own (its own LIANJIAN_INFRA_DIR, never the shared test servers) and stops it in afterAll.

const root = path.resolve(__dirname, '../..');
const infra = path.join(root, 'tools/infra/infra.sh');

describe('infra.sh with the H2 backend: the database keeps its data across down and up', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lj-db-restart-'));
  const env: NodeJS.ProcessEnv = { ...process.env, LIANJIAN_INFRA_DIR: dir, LIANJIAN_DB_BACKEND: 'h2' };
  delete env['KAFKA_BROKERS'];
  delete env['MONGODB_URI'];

  const run = (...args: string[]): { stdout: string; stderr: string } => {
    const result = spawnSync('bash', [infra, ...args], { env, encoding: 'utf8' });
    if (result.status !== 0)
      throw new Error(`infra.sh ${args.join(' ')} exited with ${result.status}:\n${result.stderr}`);
    return { stdout: result.stdout, stderr: result.stderr };
  };
  const upDb = (): string => {
    const { stdout } = run('up', 'db');
    const uri = /^MONGODB_URI=(\S+)$/m.exec(stdout)?.[1];
    if (!uri) throw new Error(`infra.sh up db printed no MONGODB_URI:\n${stdout}`);
    return uri;
  };
  const pid = (): string => readFileSync(path.join(dir, 'mongodb.pid'), 'utf8').trim();
  const withClient = async <T>(uri: string, use: (client: MongoClient) => Promise<T>): Promise<T> => {
    const client = new MongoClient(uri, { serverSelectionTimeoutMS: 10_000 });
    try {
      await client.connect();
      return await use(client);
    } finally {
      await client.close();
    }
  };

  afterAll(() => {
    try {
      run('down');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('documents, updates, deletes and unique indexes written just before `down` are all there after `up`', async () => {
    const name = uniqueName('restart');
    const uri = upDb();
    const firstPid = pid();
    const written = 2_000;

    await withClient(uri, async (client) => {
      const db = client.db(name);
      const members = db.collection<{
        _id: string;
        code: string;
        org: string;
        seq: number;
        n: number;
        profile?: object;
      }>('members');
      await members.createIndex({ code: 1 }, { unique: true, name: 'code_unique' });
      await members.createIndex({ org: 1, seq: 1 }, { unique: true, name: 'org_seq_unique' });
      await members.insertMany(
        Array.from({ length: written }, (_, i) => ({
          _id: `m${i}`,
          code: `c${i}`,
          org: `org${i % 7}`,
          seq: i,
          n: 0,
          profile: { name: `成员 ${i}`, tags: ['a', 'b'], joinedOn: new Date(Date.UTC(2020, 0, 1 + i)) },
        })),
      );
      for (let i = 0; i < 50; i += 1) await members.updateOne({ _id: `m${i}` }, { $inc: { n: i + 1 } });
      await members.deleteMany({ _id: { $in: ['m100', 'm101', 'm102'] } });
      await db
        .collection<{ _id: string; value: number }>('counters')
        .updateOne({ _id: 'last' }, { $set: { value: 42 } }, { upsert: true });
      // The last write, acknowledged right before `down` (H2 commits in the background only about once a second:
      // only the clean shutdown on SIGTERM makes this one durable).
      await members.updateOne({ _id: 'm1999' }, { $set: { n: 1999 } });
    });

    run('down', 'db');
    expect(spawnSync('kill', ['-0', firstPid]).status).not.toBe(0); // the server process is gone
    const uriAfter = upDb();
    expect(pid()).not.toBe(firstPid); // a new server process, on the same file…
    expect(uriAfter).toBe(uri); // …and on the same port

    await withClient(uriAfter, async (client) => {
      const db = client.db(name);
      const members = db.collection<{
        _id: string;
        code: string;
        org: string;
        seq: number;
        n: number;
        profile?: { name: string; joinedOn: Date };
      }>('members');
      expect(await members.countDocuments()).toBe(written - 3);
      expect(await members.findOne({ _id: 'm100' })).toBeNull();
      const updated = await members.find({ _id: { $in: Array.from({ length: 50 }, (_, i) => `m${i}`) } }).toArray();
      expect(updated.map((m) => [m._id, m.n]).sort()).toEqual(
        Array.from({ length: 50 }, (_, i) => [`m${i}`, i + 1]).sort(),
      );
      expect(await members.findOne({ _id: 'm1999' })).toMatchObject({ n: 1999, code: 'c1999' });
      expect((await members.findOne({ code: 'c7' }))?.profile).toEqual({
        name: '成员 7',
        tags: ['a', 'b'],
        joinedOn: new Date(Date.UTC(2020, 0, 8)),
      });
      expect(await db.collection('counters').findOne({ _id: 'last' as never })).toEqual({ _id: 'last', value: 42 });
      expect((await members.listIndexes().toArray()).map((i: { name: string }) => i.name).sort()).toEqual([
        '_id_',
        'code_unique',
        'org_seq_unique',
      ]);

      // The unique indexes still hold after the restart.
      const duplicate = async (doc: { _id: string; code: string; org: string; seq: number; n: number }) => {
        try {
          await members.insertOne(doc);
          return 'inserted';
        } catch (error) {
          return error instanceof MongoServerError ? error.code : error;
        }
      };
      expect(await duplicate({ _id: 'x1', code: 'c5', org: 'orgX', seq: -1, n: 0 })).toBe(11000);
      expect(await duplicate({ _id: 'x2', code: 'cX', org: 'org3', seq: 3, n: 0 })).toBe(11000);
      expect(await duplicate({ _id: 'm5', code: 'cY', org: 'orgY', seq: -2, n: 0 })).toBe(11000);
      await db.dropDatabase();
    });
  });
});
