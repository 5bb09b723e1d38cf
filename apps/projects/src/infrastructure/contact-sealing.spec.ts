import { randomBytes } from 'node:crypto';
import { type Collection } from 'mongodb';
import { ContactVault, type NeedKey } from './contact-sealing';

/** need_keys in memory: insertOne refuses a second key of a need as MongoDB's unique _id does. */
function keys(): Collection<NeedKey> & { docs: Map<string, NeedKey> } {
  const docs = new Map<string, NeedKey>();
  return {
    docs,
    insertOne: (doc: NeedKey) => {
      if (docs.has(doc._id)) return Promise.reject(Object.assign(new Error('duplicate'), { code: 11000 }));
      docs.set(doc._id, doc);
      return Promise.resolve({ acknowledged: true, insertedId: doc._id });
    },
    findOne: (filter: { _id: string }) => Promise.resolve(docs.get(filter._id) ?? null),
    deleteOne: (filter: { _id: string }) =>
      Promise.resolve({ acknowledged: true, deletedCount: docs.delete(filter._id) ? 1 : 0 }),
  } as unknown as Collection<NeedKey> & { docs: Map<string, NeedKey> };
}

describe('ContactVault', () => {
  const master = randomBytes(32);

  it('seals a contact per need (ciphertext only), opens it, and shreds it with the key', async () => {
    const store = keys();
    const vault = new ContactVault(store, master);
    const sealed = await vault.seal('n-1', { name: '张秀兰', phone: '13812345678' });
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('138');
    expect(JSON.stringify([...store.docs.values()])).not.toContain('13812345678');
    expect(await vault.open('n-1', sealed)).toEqual({ name: '张秀兰', phone: '13812345678' });
    // bound to its need: another need's key does not open it
    await vault.seal('n-2', { name: null, phone: '1' });
    await expect(vault.open('n-2', sealed)).rejects.toThrow();
    // another master key cannot unwrap the need's key
    await expect(new ContactVault(store, randomBytes(32)).open('n-1', sealed)).rejects.toThrow();
    await vault.destroy('n-1');
    expect(await vault.open('n-1', sealed)).toBeNull();
  });

  it('reuses the key an interrupted submission of the same need made', async () => {
    const store = keys();
    const vault = new ContactVault(store, master);
    const first = await vault.seal('n-1', { name: 'a', phone: null });
    const second = await vault.seal('n-1', { name: 'b', phone: null });
    expect(await vault.open('n-1', first)).toEqual({ name: 'a', phone: null });
    expect(await vault.open('n-1', second)).toEqual({ name: 'b', phone: null });
  });
});
