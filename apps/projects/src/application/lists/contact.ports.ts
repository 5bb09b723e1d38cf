/** A need submitter's contact as staff or the public form give it (a resident is not a platform user). */
export interface NeedContact {
  readonly name: string | null;
  readonly phone: string | null;
}

/**
 * Sealing of needs' contact data (crypto-shredding, like members' personal data): each need has its own data key,
 * kept wrapped outside the event log; the event carries only the ciphertext. Destroying the key makes the contact
 * unreadable everywhere (the store, Kafka, consumers' copies, backups).
 */
export interface ContactSealing {
  /** Creates the need's data key and seals the contact with it (`v1.<iv>.<tag>.<data>`). */
  seal(needId: string, contact: NeedContact): Promise<string>;
  /** The clear contact, or null when the need's key was destroyed (erased). */
  open(needId: string, sealed: string): Promise<NeedContact | null>;
  /** Crypto-shredding: the need's key is gone, and with it every readable copy of the contact. */
  destroy(needId: string): Promise<void>;
}

/** Who read a need's contact, and when (every reveal is recorded). */
export interface NeedContactAuditEntry {
  readonly needId: string;
  readonly councilId: string;
  readonly subject: string;
  readonly role: string;
  readonly at: Date;
}

export interface NeedContactAudit {
  record(entry: NeedContactAuditEntry): Promise<void>;
}
