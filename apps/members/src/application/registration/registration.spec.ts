import { AuthError } from '@lianjian/auth';
import { ExpectedVersion } from '@lianjian/event-store';
import { memberStreamId } from '@lianjian/members-contracts';
import { testCaller } from '@lianjian/testing';
import { loadMemberRules } from '../../settings';
import { citizenIdFor, membersTestWorld } from '../../testing/in-memory-ports';

const HUANGPU = testCaller('DISTRICT_ADMIN', { district: 'huangpu' });
const XUHUI = testCaller('DISTRICT_ADMIN', { district: 'xuhui' });
const rules = loadMemberRules(null);

const input = (idNumber: string, extra: Record<string, unknown> = {}) => ({
  organizationId: 'b-1',
  name: '党员',
  idNumber,
  ethnicity: '汉族',
  education: '本科',
  category: 'Employed' as const,
  appliedOn: '2010-01-01',
  joinedOn: '2012-07-01',
  fullMembershipOn: '2013-07-01',
  ...extra,
});

describe('registering members (in-memory ports)', () => {
  it('registers a member: one commit on a new stream, the ID number sealed and reserved, the relay woken', async () => {
    const w = membersTestWorld(rules);
    const id = citizenIdFor('19900101', 11);
    const member = await w.register.register(HUANGPU, input(id, { phone: '13900001111' }));
    expect(member).toMatchObject({ organizationId: 'b-1', stage: 'FullMember', status: 'Normal', version: 2 });
    expect(member.profile).toMatchObject({ gender: 'Male', birthDate: '1990-01-01' });
    const events = await w.store.readStream(memberStreamId(member._id));
    expect(events.map((e) => e.type)).toEqual(['MemberRegistered', 'MemberCountChanged']);
    expect(new Set(events.map((e) => e.globalPosition)).size).toBe(1);
    expect(JSON.stringify(events[0]!.data)).not.toContain(id);
    expect(JSON.stringify(events[0]!.data)).not.toContain('13900001111');
    expect(events[0]).toMatchObject({ actor: HUANGPU.subject, district: 'huangpu' });
    expect(w.citizenIds.byIndex.get(w.vault.blindIndex(id))).toMatchObject({ memberId: member._id, importId: null });
    expect(await w.vault.reveal(member._id, member.protectedData!)).toEqual({
      name: '党员',
      idNumber: id,
      phone: '13900001111',
    });
    expect(member.profile.maskedName).toBe('党*');
    expect(JSON.stringify(events)).not.toContain('党员');
    expect(w.appended.count).toBe(1);
  });

  it('refuses a second registration of the same person, and an invalid ID number or phone, writing nothing', async () => {
    const w = membersTestWorld(rules);
    const id = citizenIdFor('19900101', 13);
    await w.register.register(HUANGPU, input(id));
    await expect(w.register.register(HUANGPU, input(id, { name: '又一个' }))).rejects.toMatchObject({
      code: 'CITIZEN_ID_ALREADY_REGISTERED',
      field: 'idNumber',
    });
    await expect(w.register.register(HUANGPU, input(`${id.slice(0, 17)}X`))).rejects.toMatchObject({
      code: 'CITIZEN_ID_INVALID',
    });
    await expect(
      w.register.register(HUANGPU, input(citizenIdFor('19900101', 15), { phone: '12345' })),
    ).rejects.toMatchObject({ code: 'PHONE_INVALID', field: 'phone' });
    expect(await w.store.readAllCommits(0, 100)).toHaveLength(1);
    expect(w.citizenIds.byIndex.size).toBe(1);
    expect(w.keys.byId.size).toBe(1);
  });

  it('refuses a rule violation after deciding, releasing nothing it did not reserve', async () => {
    const w = membersTestWorld(rules);
    await expect(
      w.register.register(
        HUANGPU,
        input(citizenIdFor('20100101', 5), {
          category: 'Student',
          joinedOn: null,
          fullMembershipOn: null,
          appliedOn: '2026-01-01',
        }),
      ),
    ).rejects.toMatchObject({ code: 'APPLICANT_TOO_YOUNG' });
    expect(w.citizenIds.byIndex.size).toBe(0);
    expect(w.keys.byId.size).toBe(0);
    expect(await w.store.readAllCommits(0, 100)).toEqual([]);
  });

  it('refuses an organization that is unknown, not a branch, or outside the caller’s scope, before reserving', async () => {
    const w = membersTestWorld(rules);
    const id = citizenIdFor('19900101', 17);
    await expect(w.register.register(HUANGPU, input(id, { organizationId: 'nowhere' }))).rejects.toMatchObject({
      code: 'ORGANIZATION_NOT_FOUND',
    });
    await expect(w.register.register(HUANGPU, input(id, { organizationId: 'huangpu-general' }))).rejects.toMatchObject({
      code: 'ORGANIZATION_NOT_A_BRANCH',
    });
    await expect(w.register.register(XUHUI, input(id))).rejects.toBeInstanceOf(AuthError);
    w.organizations.add({ _id: 'b-dissolved', parentId: 'huangpu', status: 'dissolved' });
    await expect(w.register.register(HUANGPU, input(id, { organizationId: 'b-dissolved' }))).rejects.toMatchObject({
      code: 'ORGANIZATION_NOT_FOUND',
    });
    expect(w.citizenIds.byIndex.size).toBe(0);
    expect(await w.store.readAllCommits(0, 100)).toEqual([]);
  });

  it('takes over a stale reservation whose member was never written, and keeps a fresh one', async () => {
    const w = membersTestWorld(rules);
    const id = citizenIdFor('19900101', 19);
    const blind = w.vault.blindIndex(id);
    w.citizenIds.byIndex.set(blind, {
      memberId: 'crashed',
      importId: null,
      reservedAt: new Date(Date.now() - 120_000),
    });
    const member = await w.register.register(HUANGPU, input(id));
    expect(w.citizenIds.byIndex.get(blind)?.memberId).toBe(member._id);

    const other = citizenIdFor('19900101', 21);
    w.citizenIds.byIndex.set(w.vault.blindIndex(other), {
      memberId: 'in-flight',
      importId: null,
      reservedAt: new Date(),
    });
    await expect(w.register.register(HUANGPU, input(other))).rejects.toMatchObject({
      code: 'CITIZEN_ID_ALREADY_REGISTERED',
    });
    // a stale reservation whose member exists is not taken over
    const third = citizenIdFor('19900101', 23);
    const written = await w.register.register(HUANGPU, input(third));
    w.citizenIds.byIndex.set(w.vault.blindIndex(third), {
      memberId: written._id,
      importId: null,
      reservedAt: new Date(Date.now() - 120_000),
    });
    await expect(w.register.register(HUANGPU, input(third))).rejects.toMatchObject({
      code: 'CITIZEN_ID_ALREADY_REGISTERED',
    });
    expect(await w.store.streamVersion(memberStreamId(written._id))).toBe(2);
    await expect(
      w.store.append(memberStreamId(written._id), ExpectedVersion.noStream, [{ type: 'X', data: {} }], {
        commitId: 'c',
        actor: 'a',
      }),
    ).rejects.toMatchObject({ code: 'WRONG_EXPECTED_VERSION' });
  });
});

describe('importing members from CSV (in-memory ports)', () => {
  const header =
    '姓名,性别,民族,公民身份号码,手机号码,学历,人员类别,申请入党日期,入党日期,转正日期,党籍状态,所在党组织编号';
  const row = (name: string, id: string, org = 'b-1') =>
    `${name},男,汉族,${id},,本科,在职,2010-01-01,2012-07-01,2013-07-01,正常,${org}`;

  it('imports valid rows, reports each bad line with its column, and a rerun of the same file creates nothing', async () => {
    const w = membersTestWorld(rules);
    const registered = citizenIdFor('19800101', 31);
    await w.register.register(HUANGPU, input(registered));
    const content = [
      header,
      row('甲', citizenIdFor('19800101', 33)),
      row('乙', citizenIdFor('19800101', 35)),
      row('丙', registered),
      row('丁', citizenIdFor('19800101', 33)),
      row('戊', citizenIdFor('19800101', 37), 'b-2'),
      row('己', '310101198001010000'),
    ].join('\n');
    const report = await w.importer.run(HUANGPU, { fileName: 'export.csv', content });
    expect(report).toMatchObject({ status: 'Completed', rows: 6, imported: 2, duplicates: 1, failed: 3, runs: 1 });
    expect(report.errors.map((e) => [e.line, e.column])).toEqual([
      [5, '公民身份号码'],
      [6, '所在党组织编号'],
      [7, '公民身份号码'],
    ]);
    await w.support.ports.ownWrites.reachOwnWrites();
    const names = await Promise.all([...w.members.byId.values()].map((m) => w.vault.reveal(m._id, m.protectedData!)));
    expect(names.map((n) => n?.name).sort()).toEqual(['党员', '乙', '甲'].sort());
    expect([...w.members.byId.values()].map((m) => m.profile.maskedName).sort()).toEqual(['党*', '*', '*'].sort());
    const commits = await w.store.readAllCommits(0, 100);
    expect(commits.slice(1).map((c) => c.commitId)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^import-[0-9a-f]{32}-2$/), expect.stringMatching(/-3$/)]),
    );

    const again = await w.importer.run(HUANGPU, { fileName: 'export.csv', content });
    expect(again).toMatchObject({ status: 'Completed', imported: 2, resumedFromLine: null });
    expect(await w.store.readAllCommits(0, 100)).toHaveLength(3);
  });

  it("gives a caller their own job for a file another caller imported, never the other's report", async () => {
    const w = membersTestWorld(rules);
    const content = [
      header,
      row('甲', citizenIdFor('19800101', 41)),
      row('乙', citizenIdFor('19800101', 43), 'b-2'),
    ].join('\n');
    const huangpu = await w.importer.run(HUANGPU, { fileName: 'export.csv', content });
    expect(huangpu).toMatchObject({ imported: 1, failed: 1, runs: 1 });
    const xuhui = await w.importer.run(XUHUI, { fileName: 'export.csv', content });
    expect(xuhui.importId).not.toBe(huangpu.importId);
    // Xuhui's own run of the file: its line in Xuhui imported, Huangpu's line refused as outside its scope
    expect(xuhui).toMatchObject({ imported: 1, failed: 1, runs: 1, actor: XUHUI.subject });
    expect(xuhui.errors.map((e) => e.line)).toEqual([2]);
    expect(huangpu.errors.map((e) => e.line)).toEqual([3]);
  });

  it('refuses a file whose header lacks a required column', async () => {
    const w = membersTestWorld(rules);
    await expect(w.importer.run(HUANGPU, { fileName: 'x.csv', content: '姓名,性别\n甲,男' })).rejects.toMatchObject({
      code: 'IMPORT_HEADER_INVALID',
    });
    await expect(w.importer.run(HUANGPU, { fileName: 'x.csv', content: '' })).rejects.toMatchObject({
      code: 'IMPORT_HEADER_INVALID',
    });
  });
});
