import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { Kafka, logLevel } from 'kafkajs';
import { MongoClient } from 'mongodb';
import { type Caller } from '@lianjian/auth';
import { MEMBERS_EVENTS, MEMBERS_TOPICS } from '@lianjian/members-contracts';
import { ORGANIZATIONS_TOPICS } from '@lianjian/organizations-contracts';
import {
  PersonalDataSent,
  eventually,
  requireEnv,
  scanServiceLogs,
  testCaller,
  uniqueName,
  unservedQueriesOn,
} from '@lianjian/testing';
import { LIST_READS as MEMBERS_LIST_READS } from './infrastructure/views';
import { MembersHarness, OrganizationsProcess, citizenId } from './testing/members-harness';

const who = testCaller;
const CITY = who('CITY_ADMIN');
const HUANGPU = who('DISTRICT_ADMIN', { district: 'huangpu' });
const XUHUI = who('DISTRICT_ADMIN', { district: 'xuhui' });
const ANALYST = who('ANALYTICS_READER');

const MEMBER_FIELDS =
  'id name gender birthDate stage status organizationId joinedOn probationEndsOn fullMembershipOn version idNumber phone';
const REGISTER = `mutation($input: RegisterMemberInput!) { registerMember(input: $input) { ${MEMBER_FIELDS} } }`;
interface Member {
  id: string;
  name: string;
  gender: string;
  birthDate: string;
  stage: string;
  status: string;
  organizationId: string;
  joinedOn: string | null;
  probationEndsOn: string | null;
  fullMembershipOn: string | null;
  version: number;
  idNumber: string | null;
  phone: string | null;
}

describe('members service on a real MongoDB-compatible database and Kafka, with the organizations service', () => {
  const topicPrefix = `${uniqueName('m')}.`;
  let orgs: OrganizationsProcess;
  let svc: MembersHarness;
  let sequence = 100;
  const nextId = (birth = '19900101') => citizenId(birth, (sequence += 2));

  const register = async (input: Record<string, unknown>, caller = HUANGPU): Promise<Member> =>
    (
      await svc.ok<{ registerMember: Member }>(caller, REGISTER, {
        input: {
          organizationId: 'b-1',
          ethnicity: '汉族',
          education: '本科',
          category: 'Employed',
          idNumber: nextId(),
          name: '党员',
          ...input,
        },
      })
    ).registerMember;
  const fullMember = (input: Record<string, unknown> = {}) =>
    register({ appliedOn: '2010-01-01', joinedOn: '2012-07-01', fullMembershipOn: '2013-07-01', ...input });

  beforeAll(async () => {
    [orgs, svc] = await Promise.all([OrganizationsProcess.start(topicPrefix), MembersHarness.start({ topicPrefix })]);
    sent.watch(orgs);
    sent.watch(svc);
    const establish = (input: Record<string, unknown>) =>
      orgs.ok(CITY, `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`, {
        input: { establishedOn: '2020-01-01', documentNumber: '沪委〔2020〕1号', ...input },
      });
    const region = (district: string | null, street: string | null = null) => ({ district, street, community: null });
    await establish({
      organizationId: 'city',
      name: '市委',
      organizationType: 'Committee',
      parentId: null,
      region: region(null),
    });
    await establish({
      organizationId: 'huangpu',
      name: '黄浦区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: region('huangpu'),
    });
    await establish({
      organizationId: 'xuhui',
      name: '徐汇区委',
      organizationType: 'Committee',
      parentId: 'city',
      region: region('xuhui'),
    });
    await establish({
      organizationId: 'street',
      name: '南京东路街道党工委',
      organizationType: 'WorkingCommittee',
      parentId: 'huangpu',
      region: region('huangpu', 'nanjing-east'),
    });
    await establish({
      organizationId: 'b-1',
      name: '第一党支部',
      organizationType: 'JointBranch',
      parentId: 'street',
      region: region('huangpu', 'nanjing-east'),
    });
    await establish({
      organizationId: 'xh-1',
      name: '徐汇支部',
      organizationType: 'JointBranch',
      parentId: 'xuhui',
      region: region('xuhui'),
    });
    // the members service learns the tree from the organizations service's events on Kafka
    await eventually(async () => {
      const r = await svc.gql(HUANGPU, '{ members(organizationId: "b-1") { totalCount } }');
      if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    }, 60_000);
    await eventually(async () => {
      const r = await svc.gql(XUHUI, '{ members(organizationId: "xh-1") { totalCount } }');
      if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    }, 60_000);
  }, 300_000); // starts the services and waits for Kafka to carry the tree across
  afterAll(async () => Promise.all([svc?.stop(), orgs?.stop()]));
  /** Every ID number, phone, person's name and reason the tests send either service: no log line may carry one. */
  const sent = new PersonalDataSent();

  describe('profiles and personal data', () => {
    it('registers a member: birth date and gender from the ID number, ID and phone masked', async () => {
      const id = citizenId('19850315', 123);
      const m = await register({
        name: '李明',
        idNumber: id,
        phone: '13812345678',
        appliedOn: '2005-01-01',
        joinedOn: '2008-07-01',
        fullMembershipOn: '2009-07-01',
      });
      expect(m).toMatchObject({
        name: '李明',
        gender: 'Male',
        birthDate: '1985-03-15',
        stage: 'FullMember',
        status: 'Normal',
        joinedOn: '2008-07-01',
        fullMembershipOn: '2009-07-01',
      });
      expect(m.id).toMatch(/^8\d{15}$/);
      expect(m.idNumber).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
      expect(m.phone).toBe('138****5678');
    });

    it('refuses invalid ID numbers and phones with the rule and the field', async () => {
      const good = nextId();
      const badCheck = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
      expect(
        await svc.code(HUANGPU, REGISTER, {
          input: {
            organizationId: 'b-1',
            name: 'x',
            ethnicity: '汉族',
            education: '',
            category: 'Employed',
            idNumber: badCheck,
            appliedOn: '2020-01-01',
          },
        }),
      ).toMatchObject({ code: 'CITIZEN_ID_INVALID', field: 'idNumber' });
      expect(
        await svc.code(HUANGPU, REGISTER, {
          input: {
            organizationId: 'b-1',
            name: 'x',
            ethnicity: '汉族',
            education: '',
            category: 'Employed',
            idNumber: citizenId('20261301', 1),
            appliedOn: '2020-01-01',
          },
        }),
      ).toMatchObject({ code: 'CITIZEN_ID_INVALID' });
      expect(
        await svc.code(HUANGPU, REGISTER, {
          input: {
            organizationId: 'b-1',
            name: 'x',
            ethnicity: '汉族',
            education: '',
            category: 'Employed',
            idNumber: nextId(),
            phone: '12345',
            appliedOn: '2020-01-01',
          },
        }),
      ).toMatchObject({ code: 'PHONE_INVALID', field: 'phone' });
      expect(
        await svc.code(HUANGPU, REGISTER, {
          input: {
            organizationId: 'street',
            name: 'x',
            ethnicity: '汉族',
            education: '',
            category: 'Employed',
            idNumber: nextId(),
            appliedOn: '2020-01-01',
          },
        }),
      ).toMatchObject({ code: 'ORGANIZATION_NOT_A_BRANCH', field: 'organizationId' });
      expect(
        await svc.code(HUANGPU, REGISTER, {
          input: {
            organizationId: 'b-1',
            name: '',
            ethnicity: '汉族',
            education: '',
            category: 'Employed',
            idNumber: nextId(),
          },
        }),
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
      // refusals are answers, not failures: the service does not log them as errors (it logs only the unexpected)
      expect(svc.process.output.join('')).not.toMatch(/ExceptionsHandler|unexpected error/);
    });

    it('keeps citizen ID numbers unique city-wide: of two concurrent registrations in two districts exactly one wins', async () => {
      const id = nextId('19700606');
      const input = (organizationId: string) => ({
        input: {
          organizationId,
          name: '王芳',
          ethnicity: '汉族',
          education: '',
          category: 'Retired',
          idNumber: id,
          joinedOn: '1995-07-01',
          fullMembershipOn: '1996-07-01',
        },
      });
      const results = await Promise.all([
        svc.gql(HUANGPU, REGISTER, input('b-1')),
        svc.gql(XUHUI, REGISTER, input('xh-1')),
        svc.gql(HUANGPU, REGISTER, input('b-1')),
      ]);
      expect(results.filter((r) => !r.errors).length).toBe(1);
      for (const r of results.filter((x) => x.errors))
        expect(r.errors![0]!.extensions).toMatchObject({ code: 'CITIZEN_ID_ALREADY_REGISTERED', field: 'idNumber' });
    });

    it('reveals the full values only to roles and scopes that may see them, and audits every full read', async () => {
      const id = nextId();
      const m = await fullMember({ idNumber: id, phone: '13900001111' });
      const reveal = `query($id: ID!) { member(id: $id) { idNumber(reveal: true) phone(reveal: true) } }`;
      expect(
        (await svc.ok<{ member: { idNumber: string; phone: string } }>(HUANGPU, reveal, { id: m.id })).member,
      ).toEqual({ idNumber: id, phone: '13900001111' });
      expect(
        (
          await svc.ok<{ member: { idNumber: string } }>(
            who('MEMBER', { memberId: m.id, organizationId: 'b-1' }),
            reveal,
            { id: m.id },
          )
        ).member.idNumber,
      ).toBe(id);
      expect((await svc.code(ANALYST, reveal, { id: m.id })).code).toBe('FORBIDDEN');
      expect(
        (
          await svc.ok<{ member: { idNumber: string } }>(ANALYST, `query($id: ID!) { member(id: $id) { idNumber } }`, {
            id: m.id,
          })
        ).member.idNumber,
      ).toMatch(/\*{10}/);
      expect((await svc.code(XUHUI, `query($id: ID!) { member(id: $id) { name } }`, { id: m.id })).code).toBe(
        'FORBIDDEN',
      );
      const audit = await svc.ok<{ personalDataAudit: Array<{ field: string; actor: string; role: string }> }>(
        HUANGPU,
        `query($id: ID!) { personalDataAudit(memberId: $id) { field actor role } }`,
        { id: m.id },
      );
      // the two fields resolve concurrently: the order within one request is not fixed
      expect(audit.personalDataAudit).toHaveLength(4);
      expect(audit.personalDataAudit).toEqual(
        expect.arrayContaining([
          { field: 'idNumber', actor: 'district_admin-1', role: 'DISTRICT_ADMIN' },
          { field: 'phone', actor: 'district_admin-1', role: 'DISTRICT_ADMIN' },
          { field: 'idNumber', actor: 'member-1', role: 'MEMBER' },
          { field: 'phone', actor: 'member-1', role: 'MEMBER' },
        ]),
      );
    });

    it('resolves a member card or QR number in one lookup, and refuses a number with a wrong check digit', async () => {
      const m = await fullMember();
      expect(
        (
          await svc.ok<{ memberByCard: { id: string } }>(
            HUANGPU,
            `query($c: String!) { memberByCard(cardNumber: $c) { id } }`,
            { c: m.id },
          )
        ).memberByCard.id,
      ).toBe(m.id);
      const wrong = `${m.id.slice(0, 15)}${(Number(m.id[15]) + 1) % 10}`;
      expect(
        await svc.code(HUANGPU, `query($c: String!) { memberByCard(cardNumber: $c) { id } }`, { c: wrong }),
      ).toMatchObject({ code: 'CARD_NUMBER_INVALID', field: 'cardNumber' });
    });

    it('erases personal data by destroying the key: no clear name, ID number, phone or reason in raw MongoDB or raw Kafka of either service, history stays', async () => {
      const id = nextId('19660909');
      const phone = '13711112222';
      const name = '赵删除';
      const statusReason = '肺癌病故';
      const absenceReason = '住院化疗病假';
      const m = await fullMember({ idNumber: id, phone, name });
      // the organizations service names them as secretary, host and recorder (of the street's working committee, so
      // the branch's meeting cadence stays as the attendance test expects), and records their absence with its reason
      await orgs.ok(HUANGPU, `mutation($input: ElectLeadershipInput!) { electLeadership(input: $input) { id } }`, {
        input: {
          organizationId: 'street',
          electedOn: '2026-09-01',
          secretary: { name, memberId: m.id },
          committeeMembers: [{ name, memberId: m.id }],
        },
      });
      const meeting = (input: Record<string, unknown>) =>
        orgs.ok<{ recordMeeting: { id: string } }>(
          HUANGPU,
          `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`,
          {
            input: {
              organizationId: 'street',
              meetingType: 'CommitteeMeeting',
              topics: ['学习'],
              resolutions: [],
              ...input,
            },
          },
        );
      const hosted = await meeting({
        heldOn: '2026-09-15',
        host: { name, memberId: m.id },
        recorder: { name, memberId: m.id },
        attendeeIds: [m.id],
      });
      const missed = await eventually(
        () =>
          meeting({
            meetingId: `missed-${m.id}`,
            heldOn: '2026-10-15',
            host: { name: '钱书记' },
            recorder: { name: '孙委员' },
            attendeeIds: [],
            absentees: [{ memberId: m.id, reason: absenceReason }],
          }),
        30_000,
      );
      await svc.ok(
        HUANGPU,
        `mutation($input: ChangeMembershipStatusInput!) { changeMembershipStatus(input: $input) { status } }`,
        { input: { memberId: m.id, status: 'Deceased', on: '2026-11-01', reason: statusReason } },
      );
      // the members service has the meetings (attendance) before the erase
      await eventually(async () => {
        const r = await svc.ok<{ member: { meetings: Array<{ meetingId: string }> } }>(
          HUANGPU,
          `query($id: ID!) { member(id: $id) { meetings { meetingId } } }`,
          { id: m.id },
        );
        expect(r.member.meetings.map((x) => x.meetingId).sort()).toEqual(
          [hosted.recordMeeting.id, missed.recordMeeting.id].sort(),
        );
      }, 30_000);
      // before the erase, the members service opens what was sealed to the member's key
      const before = await svc.ok<{
        member: {
          name: string;
          maskedName: string;
          statusHistory: Array<{ reason: string | null }>;
          meetings: Array<{ meetingId: string; absenceReason: string | null }>;
        };
      }>(
        HUANGPU,
        `query($id: ID!) { member(id: $id) { name maskedName statusHistory { reason } meetings { meetingId absenceReason } } }`,
        { id: m.id },
      );
      expect(before.member).toMatchObject({ name, maskedName: '赵*除' });
      expect(before.member.statusHistory.map((s) => s.reason)).toContain(statusReason);
      expect(before.member.meetings.find((x) => x.meetingId === missed.recordMeeting.id)?.absenceReason).toBe(
        absenceReason,
      );
      const erased = await svc.ok<{
        erasePersonalData: {
          idNumber: string | null;
          phone: string | null;
          personalDataErasedOn: string;
          status: string;
          name: string;
          stage: string;
        };
      }>(
        HUANGPU,
        `mutation($input: ErasePersonalDataInput!) { erasePersonalData(input: $input) { idNumber phone personalDataErasedOn status name stage } }`,
        { input: { memberId: m.id, reason: '家属申请删除个人信息' } },
      );
      expect(erased.erasePersonalData).toEqual({
        idNumber: null,
        phone: null,
        personalDataErasedOn: '2026-11-22',
        status: 'Deceased',
        name: '赵*除', // the masked name: the full one is unreadable
        stage: 'FullMember',
      });
      const after = await svc.ok<{
        member: { statusHistory: Array<{ reason: string | null }>; meetings: Array<{ absenceReason: string | null }> };
      }>(HUANGPU, `query($id: ID!) { member(id: $id) { statusHistory { reason } meetings { absenceReason } } }`, {
        id: m.id,
      });
      expect(after.member.statusHistory.map((s) => s.reason)).toEqual(['registered', null]); // sealed: the key is gone
      expect(after.member.meetings.map((x) => x.absenceReason)).toEqual([null, null]);
      const clearValues = [id, phone, id.slice(6, 14), name, statusReason, absenceReason];
      const leaked = (all: string) => clearValues.filter((v) => all.includes(v));

      // raw MongoDB: every document of every collection of both services' databases
      const client = new MongoClient(requireEnv('MONGODB_URI'));
      await client.connect();
      try {
        const dumpOf = async (database: string) => {
          const db = client.db(database);
          const dump: string[] = [];
          for (const c of await db.listCollections().toArray())
            dump.push(JSON.stringify(await db.collection(c.name).find({}).toArray()));
          return dump.join('\n');
        };
        const members = await dumpOf(svc.database);
        expect(members).toContain(m.id); // the history is still there…
        expect(leaked(members)).toEqual([]); // …but no clear ID number, phone, name or reason anywhere
        const db = client.db(svc.database);
        expect(await db.collection('member_keys').countDocuments({ _id: m.id as never })).toBe(0);
        const registered = (await db
          .collection('members_commits')
          .findOne({ streamId: `member-${m.id}` })) as unknown as {
          events: Array<{ data: { protectedData: { idNumber: string; name: string } } }>;
        };
        expect(registered.events[0]!.data.protectedData.idNumber).toMatch(/^v1\./); // ciphertext whose key is gone
        expect(registered.events[0]!.data.protectedData.name).toMatch(/^v1\./);
        // the organizations service's store, views and timeline: the member by id (and masked name) only
        await eventually(async () => {
          const organizations = await dumpOf(orgs.database);
          expect(organizations).toContain(m.id);
          expect(organizations).toContain(missed.recordMeeting.id);
          expect(leaked(organizations)).toEqual([]);
        }, 30_000);
      } finally {
        await client.close();
      }

      // raw Kafka: every message on the member topic and the organizations topics
      const kafka = new Kafka({
        clientId: 'erase-test',
        brokers: requireEnv('KAFKA_BROKERS').split(','),
        logLevel: logLevel.NOTHING,
      });
      const consumer = kafka.consumer({ groupId: uniqueName('erase') });
      const seen: string[] = [];
      await consumer.connect();
      for (const topic of [MEMBERS_TOPICS.member, ORGANIZATIONS_TOPICS.organization, ORGANIZATIONS_TOPICS.meeting])
        await consumer.subscribe({ topic: `${topicPrefix}${topic}`, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void seen.push(message.value?.toString('utf8') ?? '') });
      try {
        await eventually(async () => {
          if (!seen.some((s) => s.includes('PersonalDataErased') && s.includes(m.id)))
            throw new Error('erase not on Kafka yet');
          if (!seen.some((s) => s.includes(missed.recordMeeting.id))) throw new Error('meeting not read yet');
        }, 30_000);
        const all = seen.join('\n');
        expect(all).toContain(m.id);
        expect(all).toContain('LeadershipElected');
        expect(leaked(all)).toEqual([]);
      } finally {
        await consumer.disconnect();
      }
    });
  });

  describe('development pipeline', () => {
    const step = (mutation: string, type: string, input: Record<string, unknown>, caller = HUANGPU) =>
      svc.gql<Record<string, Member>>(
        caller,
        `mutation($input: ${type}!) { ${mutation}(input: $input) { ${MEMBER_FIELDS} pendingDecision { kind approvalDueOn vote { votingMembers attending meetingId } } } }`,
        { input },
      );
    // voting members of b-1 on a meeting day of 2026: the full members in good standing now, and those who died since
    // (the erase test's member died on 2026-11-01) — they were in good standing then
    const votingMemberIds = async () =>
      (
        await svc.ok<{ members: { edges: Array<{ node: { id: string } }> } }>(
          HUANGPU,
          `{ members(organizationId: "b-1", first: 200, stages: [FullMember], statuses: [Normal, Restored, Deceased]) { edges { node { id } } } }`,
        )
      ).members.edges.map((e) => e.node.id);
    /** A branch members' meeting recorded by the organizations service: decisions take their votes from its record. */
    const membersMeeting = async (meetingId: string, heldOn: string, attendeeIds: string[], inFavour: number) => {
      await orgs.ok(HUANGPU, `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`, {
        input: {
          meetingId,
          organizationId: 'b-1',
          meetingType: 'MembersMeeting',
          heldOn,
          host: { name: '书记' },
          recorder: { name: '组织委员' },
          attendeeIds,
          topics: ['发展党员'],
          resolutions: [{ text: '表决', inFavour, against: attendeeIds.length - inFavour, abstained: 0 }],
        },
      });
      return { meetingId, resolution: 1 };
    };
    /** A decision once the meeting's record has reached the members service (Kafka). */
    const decided = (mutation: string, memberId: string, vote: { meetingId: string; resolution: number }) =>
      eventually(async () => {
        const r = await step(mutation, 'BranchDecisionInput', { memberId, vote });
        if (r.errors?.[0]?.extensions?.['code'] === 'MEETING_NOT_FOUND') throw new Error('the record has not arrived');
        return r;
      }, 30_000);

    it('walks applicant → activist → candidate → probationary → full member, refusing each broken rule with its reason', async () => {
      const sponsors = [await fullMember(), await fullMember()];
      // the branch now has its voting members (full members in good standing)
      expect(
        (
          await svc.code(HUANGPU, REGISTER, {
            input: {
              organizationId: 'b-1',
              name: '少年',
              ethnicity: '汉族',
              education: '',
              category: 'Student',
              idNumber: citizenId('20100101', 5),
              appliedOn: '2026-01-01',
            },
          })
        ).code,
      ).toBe('APPLICANT_TOO_YOUNG');
      const applicant = await register({ name: '申请人', appliedOn: '2024-03-01', category: 'Employed' });
      expect(applicant.stage).toBe('Applicant');
      expect(
        (await step('designateActivist', 'DatedStepInput', { memberId: applicant.id, on: '2024-02-01' })).errors?.[0]
          ?.extensions,
      ).toMatchObject({ code: 'DATE_OUT_OF_ORDER', field: 'on' });
      expect(
        (await step('designateActivist', 'DatedStepInput', { memberId: applicant.id, on: '2024-06-01' })).data?.[
          'designateActivist'
        ]?.stage,
      ).toBe('Activist');
      expect(
        (
          await step('designateDevelopmentCandidate', 'DesignateDevelopmentCandidateInput', {
            memberId: applicant.id,
            on: '2025-05-01',
            sponsorIds: sponsors.map((s) => s.id),
          })
        ).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'ACTIVIST_PERIOD_TOO_SHORT' });
      expect(
        (
          await step('designateDevelopmentCandidate', 'DesignateDevelopmentCandidateInput', {
            memberId: applicant.id,
            on: '2025-07-01',
            sponsorIds: [sponsors[0]!.id, applicant.id],
          })
        ).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'SPONSORS_INVALID', field: 'sponsorIds' });
      expect(
        (
          await step('designateDevelopmentCandidate', 'DesignateDevelopmentCandidateInput', {
            memberId: applicant.id,
            on: '2025-07-01',
            sponsorIds: sponsors.map((s) => s.id),
          })
        ).data?.['designateDevelopmentCandidate']?.stage,
      ).toBe('DevelopmentCandidate');

      // the vote comes from the recorded branch members' meeting: half the voting members attended the first one
      const votingIds = await votingMemberIds();
      const voting = votingIds.length;
      const half = votingIds.slice(0, Math.floor(voting / 2));
      const quorumFail = await decided(
        'resolveAdmission',
        applicant.id,
        await membersMeeting(`admission-half-${applicant.id}`, '2026-01-09', half, half.length),
      );
      expect(quorumFail.errors?.[0]?.extensions).toMatchObject({ code: 'QUORUM_NOT_MET', field: 'vote.meetingId' });
      expect(quorumFail.errors?.[0]?.message).toContain(`of ${voting} voting members`);
      // a meeting of another kind decides nothing
      const lesson = await orgs.ok<{ recordMeeting: { id: string } }>(
        HUANGPU,
        `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`,
        {
          input: {
            organizationId: 'b-1',
            meetingType: 'PartyLesson',
            heldOn: '2026-01-08',
            host: { name: '书记' },
            recorder: { name: '组织委员' },
            attendeeIds: votingIds,
            topics: ['党课'],
            resolutions: [{ text: '表决', inFavour: voting, against: 0, abstained: 0 }],
          },
        },
      );
      expect(
        (await decided('resolveAdmission', applicant.id, { meetingId: lesson.recordMeeting.id, resolution: 1 }))
          .errors?.[0]?.extensions,
      ).toMatchObject({ code: 'MEETING_NOT_MEMBERS_MEETING', field: 'vote.meetingId' });
      const resolved = await decided(
        'resolveAdmission',
        applicant.id,
        await membersMeeting(`admission-${applicant.id}`, '2026-01-10', votingIds, voting),
      );
      expect(resolved.data?.['resolveAdmission']).toMatchObject({
        stage: 'DevelopmentCandidate',
        pendingDecision: {
          kind: 'Admission',
          approvalDueOn: '2026-04-10',
          vote: { votingMembers: voting, attending: voting, meetingId: `admission-${applicant.id}` },
        },
      });
      expect(
        (
          await step('approveAdmission', 'SuperiorApprovalInput', {
            memberId: applicant.id,
            approvedOn: '2026-02-01',
            approverOrganizationId: 'b-1',
          })
        ).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'APPROVER_NOT_SUPERIOR' });
      const admitted = await step('approveAdmission', 'SuperiorApprovalInput', {
        memberId: applicant.id,
        approvedOn: '2026-02-01',
        approverOrganizationId: 'street',
      });
      expect(admitted.data?.['approveAdmission']).toMatchObject({
        stage: 'ProbationaryMember',
        joinedOn: '2026-01-10',
        probationEndsOn: '2027-01-10',
      });
      // the probation ends within the due window: listed as due
      const due = await svc.ok<{
        pipelineDeadlines: Array<{ member: { id: string }; deadline: { kind: string; status: string; dueOn: string } }>;
      }>(HUANGPU, `{ pipelineDeadlines(organizationId: "b-1") { member { id } deadline { kind status dueOn } } }`);
      expect(due.pipelineDeadlines).toEqual([]); // 2027-01-10 is more than 30 days after 2026-11-22
      expect(
        (
          await decided(
            'resolveFullMembership',
            applicant.id,
            await membersMeeting(`full-${applicant.id}`, '2026-09-30', votingIds, voting), // not this quarter: the cadence test counts Q4
          )
        ).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'PROBATION_NOT_ENDED' });
      expect(
        (await step('extendProbation', 'ExtendProbationInput', { memberId: applicant.id, on: '2026-11-01', months: 3 }))
          .errors?.[0]?.extensions,
      ).toMatchObject({ code: 'EXTENSION_OUT_OF_RANGE', field: 'months' });
      expect(
        (await step('extendProbation', 'ExtendProbationInput', { memberId: applicant.id, on: '2026-11-01', months: 6 }))
          .data?.['extendProbation']?.probationEndsOn,
      ).toBe('2027-07-10');
      expect(
        (await step('extendProbation', 'ExtendProbationInput', { memberId: applicant.id, on: '2026-11-02', months: 6 }))
          .errors?.[0]?.extensions,
      ).toMatchObject({ code: 'PROBATION_ALREADY_EXTENDED' });
      const pipeline = await svc.ok<{ members: { edges: Array<{ node: { id: string } }> } }>(
        HUANGPU,
        `{ members(organizationId: "b-1", stages: [ProbationaryMember]) { edges { node { id } } } }`,
      );
      expect(pipeline.members.edges.map((e) => e.node.id)).toContain(applicant.id);
    });

    it('lists overdue superior approvals and probations that ended without a decision', async () => {
      const late = await register({ appliedOn: '2020-01-01', activistOn: '2020-06-01', candidateOn: '2021-07-01' });
      const votingIds = await votingMemberIds();
      const vote = await membersMeeting(`admission-${late.id}`, '2026-06-01', votingIds, votingIds.length);
      expect((await decided('resolveAdmission', late.id, vote)).errors).toBeUndefined();
      const ended = await register({ appliedOn: '2020-01-01', joinedOn: '2025-10-01' });
      const rows = await svc.ok<{
        pipelineDeadlines: Array<{ member: { id: string }; deadline: { kind: string; status: string; dueOn: string } }>;
      }>(
        HUANGPU,
        `{ pipelineDeadlines(organizationId: "b-1", status: OVERDUE) { member { id } deadline { kind status dueOn } } }`,
      );
      expect(rows.pipelineDeadlines).toEqual(
        expect.arrayContaining([
          { member: { id: late.id }, deadline: { kind: 'ADMISSION_APPROVAL', status: 'OVERDUE', dueOn: '2026-08-30' } },
          { member: { id: ended.id }, deadline: { kind: 'PROBATION_ENDING', status: 'OVERDUE', dueOn: '2026-10-01' } },
        ]),
      );
    });
  });

  describe('dues', () => {
    it('bills by bracket, takes payments (self or on behalf), tracks arrears and the collection rate', async () => {
      const employed = await fullMember({ monthlyIncome: 8000 });
      const retired = await fullMember({ category: 'Retired', monthlyIncome: 4000 });
      const student = await fullMember({ category: 'Student' });
      const dues = `query($id: ID!) { member(id: $id) { dues { category monthlyAmount arrearsMonths arrearsAmount bills { month amount paidOn } } } }`;
      expect(
        (await svc.ok<{ member: { dues: { monthlyAmount: number } } }>(HUANGPU, dues, { id: employed.id })).member.dues
          .monthlyAmount,
      ).toBe(120);
      expect(
        (await svc.ok<{ member: { dues: { monthlyAmount: number } } }>(HUANGPU, dues, { id: retired.id })).member.dues
          .monthlyAmount,
      ).toBe(20);
      expect(
        (await svc.ok<{ member: { dues: { monthlyAmount: number } } }>(HUANGPU, dues, { id: student.id })).member.dues
          .monthlyAmount,
      ).toBe(0.2);

      const bill = (month: string) =>
        svc.ok<{ issueDuesBills: { billed: number; alreadyBilled: number } }>(
          HUANGPU,
          `mutation($input: IssueDuesBillsInput!) { issueDuesBills(input: $input) { billed alreadyBilled notBillable } }`,
          { input: { organizationId: 'b-1', month } },
        );
      for (const month of ['2026-09', '2026-10', '2026-11']) await bill(month);
      const again = await bill('2026-11');
      expect(again.issueDuesBills.billed).toBe(0);
      expect(again.issueDuesBills.alreadyBilled).toBeGreaterThanOrEqual(3);

      const self = who('MEMBER', { memberId: employed.id, organizationId: 'b-1' });
      const pay = (caller: Caller, input: Record<string, unknown>) =>
        svc.gql<{ payDues: { dues: { arrearsMonths: string[] } } }>(
          caller,
          `mutation($input: PayDuesInput!) { payDues(input: $input) { dues { arrearsMonths } } }`,
          { input },
        );
      expect(
        (await pay(self, { memberId: employed.id, months: ['2026-09', '2026-10'], amount: 200 })).errors?.[0]
          ?.extensions,
      ).toMatchObject({ code: 'DUES_AMOUNT_MISMATCH', field: 'amount' });
      expect(
        (await pay(self, { memberId: employed.id, months: ['2026-09', '2026-10'], amount: 240 })).data?.payDues.dues
          .arrearsMonths,
      ).toEqual(['2026-11']);
      expect(
        (await pay(self, { memberId: employed.id, months: ['2026-10'], amount: 120 })).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'DUES_ALREADY_PAID' });
      expect(
        (
          await pay(who('MEMBER', { memberId: retired.id, organizationId: 'b-1' }), {
            memberId: employed.id,
            months: ['2026-11'],
            amount: 120,
          })
        ).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'FORBIDDEN' });
      expect(
        (await pay(HUANGPU, { memberId: retired.id, months: ['2026-09', '2026-10', '2026-11'], amount: 60 })).data
          ?.payDues.dues.arrearsMonths,
      ).toEqual([]); // on behalf

      const arrears = await svc.ok<{
        duesArrears: Array<{ member: { id: string }; months: string[]; amount: number }>;
      }>(HUANGPU, `{ duesArrears(organizationId: "b-1") { member { id } months amount } }`);
      expect(arrears.duesArrears.find((a) => a.member.id === employed.id)).toEqual({
        member: { id: employed.id },
        months: ['2026-11'],
        amount: 120,
      });
      const rate = await svc.ok<{ duesCollection: { billed: number; paid: number; rate: number } }>(
        HUANGPU,
        `{ duesCollection(organizationId: "street", fromMonth: "2026-09", toMonth: "2026-11") { billed paid rate } }`,
      );
      expect(rate.duesCollection.paid).toBeGreaterThanOrEqual(300);
      expect(rate.duesCollection.rate).toBeCloseTo(rate.duesCollection.paid / rate.duesCollection.billed, 3);
      expect(
        (
          await svc.code(
            XUHUI,
            `{ duesCollection(organizationId: "street", fromMonth: "2026-09", toMonth: "2026-11") { rate } }`,
          )
        ).code,
      ).toBe('FORBIDDEN');
    });

    it('applies a waiver only after the branch decides and the superior approves', async () => {
      const m = await fullMember({ monthlyIncome: 2000 });
      const requested = await svc.ok<{
        requestDuesReduction: { dues: { reductions: Array<{ id: string; state: string }> } };
      }>(
        who('MEMBER', { memberId: m.id, organizationId: 'b-1' }),
        `mutation($input: RequestDuesReductionInput!) { requestDuesReduction(input: $input) { dues { reductions { id state } } } }`,
        { input: { memberId: m.id, kind: 'Waiver', fromMonth: '2026-12', toMonth: '2027-05', reason: '大病住院' } },
      );
      const reductionId = requested.requestDuesReduction.dues.reductions[0]!.id;
      const decide = (input: Record<string, unknown>) =>
        svc.gql<{ decideDuesReduction: { dues: { reductions: Array<{ state: string }> } } }>(
          HUANGPU,
          `mutation($input: DecideDuesReductionInput!) { decideDuesReduction(input: $input) { dues { reductions { state } } } }`,
          { input: { memberId: m.id, reductionId, approved: true, decidedOn: '2026-11-22', ...input } },
        );
      expect(
        (await decide({ level: 'Superior', deciderOrganizationId: 'street' })).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'REDUCTION_NOT_PENDING' });
      expect((await decide({ level: 'Branch' })).data?.decideDuesReduction.dues.reductions[0]!.state).toBe(
        'BranchApproved',
      );
      expect(
        (await decide({ level: 'Superior', deciderOrganizationId: 'street' })).data?.decideDuesReduction.dues
          .reductions[0]!.state,
      ).toBe('Approved');
    });
  });

  describe('organizations and members together', () => {
    const counts = (id: string) =>
      orgs.ok<{
        organization: {
          memberCounts: { members: number; fullMembers: number; byStage: Array<{ key: string; count: number }> };
        };
      }>(
        CITY,
        `query($id: ID!) { organization(id: $id) { memberCounts { members fullMembers byStage { key count } } } }`,
        { id },
      );

    it('projects member counts from member events and refuses to dissolve a branch with members', async () => {
      await eventually(async () => {
        const c = (await counts('b-1')).organization.memberCounts;
        const listed = (
          await svc.ok<{ members: { totalCount: number } }>(
            CITY,
            `{ members(organizationId: "b-1", stages: [ProbationaryMember, FullMember], statuses: [Normal, Retained, Suspended, Restored]) { totalCount } }`,
          )
        ).members.totalCount;
        if (c.members !== listed || listed === 0) throw new Error(`counts ${c.members} vs ${listed}`);
      }, 30_000);
      const dissolve = await orgs.gql(
        CITY,
        `mutation { dissolveOrganization(input: { organizationId: "b-1", reason: "撤销", documentNumber: "沪委〔2026〕9号" }) { id } }`,
      );
      expect(dissolve.errors?.[0]?.extensions).toMatchObject({ code: 'ORGANIZATION_HAS_MEMBERS' });
    });

    it('moves a whole organization with its branch and members to another district: the tree as of today and the members follow it', async () => {
      const establish = (organizationId: string, organizationType: string, parentId: string) =>
        orgs.ok(CITY, `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`, {
          input: {
            organizationId,
            name: organizationId,
            organizationType,
            parentId,
            region: { district: 'huangpu', street: 'mv-street', community: null },
            establishedOn: '2020-01-01',
            documentNumber: '黄委〔2020〕8号',
          },
        });
      await establish('mv-street', 'WorkingCommittee', 'huangpu');
      await establish('mv-branch', 'JointBranch', 'mv-street');
      const moving = await eventually(() => fullMember({ organizationId: 'mv-branch' }), 30_000);
      await fullMember({ organizationId: 'mv-branch' });
      await orgs.ok(
        CITY,
        `mutation { transferOrganizationToDistrict(input: { organizationId: "mv-street", parentId: "xuhui", region: { district: "xuhui", street: "mv-street" }, documentNumber: "沪组〔2026〕2号" }) { id } }`,
      );
      // the tree as of today (the timeline, from Kafka): the moved organization and its branch are xuhui's now
      const asOf = async (caller: Caller) =>
        (
          await orgs.ok<{ organizationTreeAsOf: Array<{ id: string; region: { district: string } }> }>(
            caller,
            `{ organizationTreeAsOf(date: "2026-11-22") { id region { district } } }`,
          )
        ).organizationTreeAsOf
          .filter((o) => o.id.startsWith('mv-'))
          .map((o) => `${o.id}@${o.region.district}`);
      await eventually(async () => expect(await asOf(XUHUI)).toEqual(['mv-street@xuhui', 'mv-branch@xuhui']), 30_000);
      expect(await asOf(HUANGPU)).toEqual([]);
      // and its members: the new district's admin sees them, the old one's no longer
      await eventually(async () => {
        const seen = await svc.gql<{ members: { totalCount: number } }>(
          XUHUI,
          '{ members(organizationId: "mv-branch") { totalCount } }',
        );
        expect(seen.data?.members.totalCount).toBe(2);
      }, 30_000);
      expect((await svc.code(HUANGPU, `query($id: ID!) { member(id: $id) { id } }`, { id: moving.id })).code).toBe(
        'FORBIDDEN',
      );
      // moved back (the scope test below counts each district's members)
      await orgs.ok(
        CITY,
        `mutation { transferOrganizationToDistrict(input: { organizationId: "mv-street", parentId: "huangpu", region: { district: "huangpu", street: "mv-street" }, documentNumber: "沪组〔2026〕3号" }) { id } }`,
      );
      await eventually(async () => {
        expect(
          (await svc.gql(HUANGPU, `query($id: ID!) { member(id: $id) { id } }`, { id: moving.id })).errors,
        ).toBeUndefined();
      }, 30_000);
    });

    it('refuses an independent branch for units with fewer than 3 full members, lists the 应建未建 ledger and coverage', async () => {
      for (const [unitId, name] of [
        ['u-small', '小公司'],
        ['u-big', '大公司'],
      ]) {
        await orgs.ok(CITY, `mutation($input: RegisterUnitInput!) { registerUnit(input: $input) { id } }`, {
          input: {
            unitId,
            name,
            kind: 'Enterprise',
            industry: 'IT',
            employees: 200,
            aboveScale: true,
            region: { district: 'huangpu', street: 'nanjing-east', community: null },
          },
        });
      }
      await fullMember({ unitId: 'u-small' });
      for (let i = 0; i < 3; i += 1) await fullMember({ unitId: 'u-big' });
      const ledger = () =>
        orgs.ok<{ eligibleWithoutOrganization: Array<{ unit: { id: string }; fullMembers: number }> }>(
          HUANGPU,
          `{ eligibleWithoutOrganization { unit { id } fullMembers } }`,
        );
      await eventually(async () => {
        const rows = (await ledger()).eligibleWithoutOrganization;
        if (!rows.some((r) => r.unit.id === 'u-big' && r.fullMembers === 3)) throw new Error(JSON.stringify(rows));
      }, 30_000);
      expect((await ledger()).eligibleWithoutOrganization.map((r) => r.unit.id)).toEqual(['u-big']);
      const establish = (organizationId: string, unitIds: string[]) =>
        orgs.gql(
          HUANGPU,
          `mutation($input: EstablishOrganizationInput!) { establishOrganization(input: $input) { id } }`,
          {
            input: {
              organizationId,
              name: '企业党支部',
              organizationType: 'Branch',
              parentId: 'street',
              region: { district: 'huangpu', street: 'nanjing-east', community: null },
              establishedOn: '2026-11-01',
              documentNumber: '黄委〔2026〕1号',
              unitIds,
            },
          },
        );
      expect((await establish('b-small', ['u-small'])).errors?.[0]?.extensions).toMatchObject({
        code: 'INSUFFICIENT_FULL_MEMBERS',
        field: 'organizationType',
      });
      expect((await establish('b-big', ['u-big'])).errors).toBeUndefined();
      expect((await ledger()).eligibleWithoutOrganization).toEqual([]);
      const coverage = await orgs.ok<{
        regionCoverage: {
          unitCount: number;
          coveredUnitCount: number;
          unitCoverageRate: number;
          aboveScaleCoverageRate: number;
        };
      }>(
        HUANGPU,
        `{ regionCoverage(street: "nanjing-east") { unitCount coveredUnitCount unitCoverageRate aboveScaleCoverageRate } }`,
      );
      expect(coverage.regionCoverage).toEqual({
        unitCount: 2,
        coveredUnitCount: 1,
        unitCoverageRate: 0.5,
        aboveScaleCoverageRate: 0.5,
      });
    });
  });

  describe('organizational life, lapse and lost contact', () => {
    it('takes attendance from meetings the organizations service records, and reports cadence compliance', async () => {
      const present = await fullMember();
      const absent = await fullMember();
      // the absence reason is sealed to the member's key, which the organizations service learns from their registration
      const recorded = await eventually(
        () =>
          orgs.ok<{ recordMeeting: { id: string } }>(
            HUANGPU,
            `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`,
            {
              input: {
                meetingId: `theme-day-${absent.id}`,
                organizationId: 'b-1',
                meetingType: 'ThemeDay',
                heldOn: '2026-11-10',
                host: { name: '书记' },
                recorder: { name: '组织委员' },
                attendeeIds: [present.id],
                absentees: [{ memberId: absent.id, reason: '出差' }],
                topics: ['学习'],
                resolutions: [{ text: '通过', inFavour: 1, against: 0, abstained: 0 }],
              },
            },
          ),
        30_000,
      );
      const bad = await orgs.gql(
        HUANGPU,
        `mutation($input: RecordMeetingInput!) { recordMeeting(input: $input) { id } }`,
        {
          input: {
            organizationId: 'b-1',
            meetingType: 'PartyLesson',
            heldOn: '2026-11-10',
            host: { name: 'a' },
            recorder: { name: 'b' },
            attendeeIds: [present.id],
            topics: ['x'],
            resolutions: [{ text: 'y', inFavour: 2, against: 0, abstained: 0 }],
          },
        },
      );
      expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'MEETING_INVALID', field: 'resolutions.0' });
      await eventually(async () => {
        const data = await svc.ok<{
          member: {
            meetings: Array<{ meetingId: string; attended: boolean }>;
            lastOrganizationalLifeOn: string | null;
          };
        }>(
          who('MEMBER', { memberId: present.id, organizationId: 'b-1' }),
          `query($id: ID!) { member(id: $id) { meetings { meetingId attended } lastOrganizationalLifeOn } }`,
          { id: present.id },
        );
        expect(data.member).toEqual({
          meetings: [{ meetingId: recorded.recordMeeting.id, attended: true }],
          lastOrganizationalLifeOn: '2026-11-10',
        });
      }, 30_000);
      const missed = await svc.ok<{ member: { meetings: Array<{ attended: boolean; absenceReason: string }> } }>(
        HUANGPU,
        `query($id: ID!) { member(id: $id) { meetings { attended absenceReason } } }`,
        { id: absent.id },
      );
      expect(missed.member.meetings).toEqual([{ attended: false, absenceReason: '出差' }]);
      const cadence = await orgs.ok<{
        organization: {
          meetingCadence: Array<{ meetingType: string; period: string; held: number; missing: boolean }>;
        };
      }>(HUANGPU, `{ organization(id: "b-1") { meetingCadence { meetingType period held missing } } }`);
      expect(cadence.organization.meetingCadence).toEqual([
        { meetingType: 'MembersMeeting', period: '2026-Q4', held: 0, missing: true },
        { meetingType: 'PartyLesson', period: '2026-Q4', held: 0, missing: true },
        { meetingType: 'ThemeDay', period: '2026-11', held: 1, missing: false },
        { meetingType: 'AnnualReviewMeeting', period: '2026', held: 0, missing: true },
      ]);
    });

    it('lists lost-contact members for suspension, restores within two years, and records lapse decisions', async () => {
      const lost = await fullMember();
      const mutate = (name: string, type: string, input: Record<string, unknown>) =>
        svc.gql<Record<string, { status: string }>>(
          HUANGPU,
          `mutation($input: ${type}!) { ${name}(input: $input) { status } }`,
          { input },
        );
      expect(
        (
          await mutate('changeMembershipStatus', 'ChangeMembershipStatusInput', {
            memberId: lost.id,
            status: 'Suspended',
            on: '2026-11-20',
            reason: '失联',
          })
        ).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'LOST_CONTACT_TOO_SHORT' });
      await mutate('recordLostContact', 'RecordLostContactInput', { memberId: lost.id, since: '2026-05-01' });
      const candidates = await svc.ok<{ suspensionCandidates: Array<{ id: string }> }>(
        HUANGPU,
        `{ suspensionCandidates(organizationId: "b-1") { id } }`,
      );
      expect(candidates.suspensionCandidates.map((c) => c.id)).toContain(lost.id);
      expect(
        (
          await mutate('changeMembershipStatus', 'ChangeMembershipStatusInput', {
            memberId: lost.id,
            status: 'Suspended',
            on: '2026-11-20',
            reason: '失联满六个月',
          })
        ).data?.['changeMembershipStatus']?.status,
      ).toBe('Suspended');
      expect(
        (
          await mutate('changeMembershipStatus', 'ChangeMembershipStatusInput', {
            memberId: lost.id,
            status: 'Restored',
            on: '2026-11-22',
            reason: '恢复联系',
          })
        ).data?.['changeMembershipStatus']?.status,
      ).toBe('Restored');

      const quiet = await fullMember();
      expect(
        (
          await mutate('recordLapseDecision', 'RecordLapseDecisionInput', {
            memberId: quiet.id,
            decision: 'Remove',
            branchDecidedOn: '2026-11-20',
            approvedOn: '2026-11-21',
            approverOrganizationId: 'street',
          })
        ).errors?.[0]?.extensions,
      ).toMatchObject({ code: 'NOT_A_LAPSE_CANDIDATE' });

      // half a year later (same database, same keys): no organizational life and no dues since
      await svc.stop();
      svc = await MembersHarness.start({
        topicPrefix,
        database: svc.database,
        masterKey: svc.masterKey,
        env: { LIANJIAN_TODAY: '2027-06-01' },
      });
      const lapse = await svc.ok<{
        lapseCandidates: Array<{ member: { id: string }; reasons: Array<{ code: string }> }>;
      }>(HUANGPU, `{ lapseCandidates(organizationId: "b-1") { member { id } reasons { code } } }`);
      expect(lapse.lapseCandidates.find((c) => c.member.id === quiet.id)?.reasons.map((r) => r.code)).toEqual([
        'NO_ORGANIZATIONAL_LIFE',
      ]);
      const removed = await mutate('recordLapseDecision', 'RecordLapseDecisionInput', {
        memberId: quiet.id,
        decision: 'Remove',
        branchDecidedOn: '2027-05-20',
        approvedOn: '2027-05-28',
        approverOrganizationId: 'street',
      });
      expect(removed.data?.['recordLapseDecision']?.status).toBe('Withdrawn');
    });
  });

  describe('scope', () => {
    it('lets a district admin, an organization admin and a member see only their own', async () => {
      const m = await fullMember();
      const xh = await fullMember({ organizationId: 'xh-1' }).catch(() => null);
      expect(xh).toBeNull(); // the Huangpu admin cannot register in Xuhui
      const total = async (caller: Caller) =>
        (await svc.ok<{ members: { totalCount: number } }>(caller, '{ members { totalCount } }')).members.totalCount;
      // the registration race above may have registered its person in Xuhui: count from what is there
      const xuhuiBefore = await total(XUHUI);
      const inXuhui = await register(
        { organizationId: 'xh-1', joinedOn: '2015-07-01', fullMembershipOn: '2016-07-01' },
        XUHUI,
      );
      const all = await total(CITY);
      expect(await total(XUHUI)).toBe(xuhuiBefore + 1);
      expect(await total(HUANGPU)).toBe(all - xuhuiBefore - 1);
      expect(await total(who('ORGANIZATION_ADMIN', { organizationId: 'xh-1' }))).toBe(xuhuiBefore + 1);
      expect(await total(who('MEMBER', { memberId: m.id, organizationId: 'b-1' }))).toBe(1);
      expect(
        (
          await svc.code(
            who('ORGANIZATION_ADMIN', { organizationId: 'xh-1' }),
            `query($id: ID!) { member(id: $id) { id } }`,
            { id: m.id },
          )
        ).code,
      ).toBe('FORBIDDEN');
      expect(
        (
          await svc.code(
            who('MEMBER', { memberId: m.id, organizationId: 'b-1' }),
            `query($id: ID!) { member(id: $id) { id } }`,
            { id: inXuhui.id },
          )
        ).code,
      ).toBe('FORBIDDEN');
      expect(
        (
          await svc.code(XUHUI, `mutation($input: DatedStepInput!) { designateActivist(input: $input) { id } }`, {
            input: { memberId: m.id, on: '2026-01-01' },
          })
        ).code,
      ).toBe('FORBIDDEN');
    });
  });

  it('publishes every member event valid against its published JSON Schema (an outside consumer checks)', async () => {
    const root = path.resolve(__dirname, '../../..');
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const validators = new Map(
      MEMBERS_EVENTS.map((e) => [
        e.type as string,
        ajv.compile(
          JSON.parse(
            readFileSync(path.join(root, `docs/events/schemas/members/${e.type}.v${e.schemaVersion}.json`), 'utf8'),
          ) as object,
        ),
      ]),
    );
    const kafka = new Kafka({
      clientId: 'contract-check',
      brokers: requireEnv('KAFKA_BROKERS').split(','),
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: uniqueName('contract') });
    const seen = new Map<string, number>();
    const invalid: string[] = [];
    await consumer.connect();
    await consumer.subscribe({ topic: `${topicPrefix}${MEMBERS_TOPICS.member}`, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ message }) => {
        const envelope = JSON.parse(message.value!.toString('utf8')) as { type: string };
        seen.set(envelope.type, (seen.get(envelope.type) ?? 0) + 1);
        const validate = validators.get(envelope.type);
        if (!validate) invalid.push(`${envelope.type}: no published schema`);
        else if (!validate(JSON.parse(message.value!.toString('utf8'))))
          invalid.push(`${envelope.type}: ${ajv.errorsText(validate.errors)}`);
      },
    });
    try {
      const expected = [
        'MemberRegistered',
        'ActivistDesignated',
        'DevelopmentCandidateDesignated',
        'AdmissionResolved',
        'AdmissionApproved',
        'ProbationExtended',
        'MembershipStatusChanged',
        'DuesBaseDeclared',
        'DuesBilled',
        'DuesPaid',
        'DuesReductionRequested',
        'DuesReductionDecided',
        'ContactLost',
        'LapseDecisionRecorded',
        'PersonalDataErased',
      ];
      await eventually(async () => {
        const missing = expected.filter((t) => !seen.has(t));
        if (missing.length) throw new Error(`not seen yet: ${missing.join(', ')}`);
      }, 60_000);
      expect(invalid).toEqual([]);
    } finally {
      await consumer.disconnect();
    }
  });

  it('serves the committed SDL (run npm run supergraph:compose after a change)', async () => {
    const root = path.resolve(__dirname, '../../..');
    const schemaFile = path.join(tmpdir(), `${uniqueName('sdl')}.graphql`);
    const schemaOnly = await MembersHarness.start({ topicPrefix, schemaFile, backgroundWorkers: false });
    await schemaOnly.stop();
    expect(readFileSync(schemaFile, 'utf8')).toBe(readFileSync(path.join(root, 'apps/members/schema.graphql'), 'utf8'));
  });

  it('serves every read on a hot path by an exact key that a unique index serves (the shapes the service sent)', async () => {
    expect(await unservedQueriesOn(svc.database, MEMBERS_LIST_READS)).toEqual([]);
  });

  // last: it reads every line both services wrote while the tests above ran
  it('wrote no clear ID number, phone, name or reason the tests sent (nor any citizen ID number) to a log line', async () => {
    expect(sent.values.size).toBeGreaterThan(30); // the values the tests above sent…
    const { lines, leaks } = await scanServiceLogs(sent.values);
    expect(lines).toBeGreaterThan(100); // …and the lines the services wrote meanwhile (a request line each, at least)
    expect(leaks).toEqual([]);
  });
});
