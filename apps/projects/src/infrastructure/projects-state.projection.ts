import { type Db } from 'mongodb';
import { type MongoEventStore } from '@lianjian/event-store';
import { LogProjection } from '@lianjian/messaging';
import { type ProjectsStateWriter } from '../application/ports';
import { ProjectsStateFold } from '../application/state/projects-state.fold';

/**
 * The projects service's read models on its own log, run by one instance at a time (LogProjection): each batch of
 * up to 2,000 commits goes through the application's fold (`ProjectsStateFold`) and is saved in a few bulk writes,
 * so a burst of public ratings reaches the satisfaction counts in one pass.
 */
export class ProjectsStateProjection {
  readonly log: LogProjection;

  constructor(store: MongoEventStore, db: Db, writer: ProjectsStateWriter) {
    const fold = new ProjectsStateFold(writer);
    this.log = new LogProjection({ name: 'projects-state', store, db, batchSize: 2000, apply: (c) => fold.apply(c) });
  }
}
