import { derivedCommandId } from './project.commands';

// A resource committed by recordResourceUse carries a command id derived from the project command's: a retry of the
// command derives the same (the event store replays the commit), another command or resource another.
describe('derivedCommandId', () => {
  const command = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

  it('is a version 5 UUID, the same for the same command and step', () => {
    const id = derivedCommandId(command, 'project/p-1/resource/r-1');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedCommandId(command, 'project/p-1/resource/r-1')).toBe(id);
    expect(id).not.toBe(command);
  });

  it('differs by command, project and resource', () => {
    const ids = new Set([
      derivedCommandId(command, 'project/p-1/resource/r-1'),
      derivedCommandId(command, 'project/p-1/resource/r-2'),
      derivedCommandId(command, 'project/p-2/resource/r-1'),
      derivedCommandId('8a7b6c5d-4e3f-4a2b-9c1d-0e9f8a7b6c5d', 'project/p-1/resource/r-1'),
    ]);
    expect(ids.size).toBe(4);
  });
});
