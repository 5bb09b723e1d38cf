import { type Db } from 'mongodb';
import mongoose from 'mongoose';
import { DATABASE_CLIENT_OPTIONS } from '@lianjian/event-store';
import { queryShapeRecorder } from './query-log';

/**
 * Connects through mongoose (connection management, pooling, events) and hands the native driver's Db to the
 * event store and projections: see docs/adr/0004-event-store-on-mongodb-without-transactions.md.
 */
export async function connectDatabase(uri: string, database: string): Promise<{ db: Db; close: () => Promise<void> }> {
  const queryLog = process.env['LIANJIAN_QUERY_LOG'];
  const connection = mongoose.createConnection(uri, {
    dbName: database,
    autoIndex: false,
    autoCreate: false,
    ...DATABASE_CLIENT_OPTIONS,
    ...(queryLog ? { monitorCommands: true } : {}),
  });
  if (queryLog) connection.getClient().on('commandStarted', queryShapeRecorder(queryLog));
  await connection.asPromise();
  const db = connection.db;
  if (!db) throw new Error('mongoose connected without a database handle');
  return { db, close: () => connection.close() };
}
