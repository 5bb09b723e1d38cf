import { maskName } from '@lianjian/contracts';

/**
 * `MemberRegistered` v1 → v2, for the members service's event store (old events read as the current shape): v1
 * carried `profile.name` in clear. It becomes the masked name; the full name cannot be encrypted here (the upcaster
 * has no key), so `protectedData.name` is null and the clear v1 name is not carried on; v1 had no sealing key either.
 */
export function upcastMemberRegisteredV1(data: Record<string, unknown>): Record<string, unknown> {
  const { name, ...profile } = data['profile'] as Record<string, unknown> & { name: string };
  const protectedData = data['protectedData'] as Record<string, unknown>;
  return {
    ...data,
    profile: { maskedName: maskName(name), ...profile },
    protectedData: { ...protectedData, sealingKey: null, name: null },
  };
}
