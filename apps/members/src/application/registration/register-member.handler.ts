import { randomUUID } from 'node:crypto';
import { type Caller } from '@lianjian/auth';
import { maskName } from '@lianjian/contracts';
import { type CommandOptions } from '@lianjian/event-store';
import {
  type IsoDate,
  type MemberCategory,
  type MemberProfile,
  type PipelineHistory,
  checkCitizenId,
  isMobilePhone,
  refuse,
} from '@lianjian/members-domain';
import { type MemberView } from '../read-models';
import { type MemberCommandSupport } from '../member-command-support';
import { type MemberRegistration } from './member-registration';

export interface RegisterMemberInput extends CommandOptions {
  readonly organizationId: string;
  readonly name: string;
  readonly idNumber: string;
  readonly phone?: string | null;
  readonly ethnicity: string;
  readonly education: string;
  readonly category: MemberCategory;
  readonly posts?: string[] | null;
  readonly unitId?: string | null;
  readonly monthlyIncome?: number | null;
  readonly appliedOn?: IsoDate | null;
  readonly activistOn?: IsoDate | null;
  readonly candidateOn?: IsoDate | null;
  readonly joinedOn?: IsoDate | null;
  readonly fullMembershipOn?: IsoDate | null;
  /** A card number given beforehand (a member new to the city, by their incoming transfer). */
  readonly memberId?: string;
}

/** Registration of one member by hand: the branch and the caller's scope checked, then the path imports take too. */
export class RegisterMemberHandler {
  constructor(
    private readonly support: MemberCommandSupport,
    private readonly registration: MemberRegistration,
  ) {}

  async register(caller: Caller, input: RegisterMemberInput): Promise<MemberView> {
    const { branch, district } = await this.support.branchFor(caller, input.organizationId);
    const id = checkCitizenId(input.idNumber, this.support.today());
    if (!id.valid) refuse('CITIZEN_ID_INVALID', id.reason, 'idNumber');
    if (input.phone && !isMobilePhone(input.phone))
      refuse('PHONE_INVALID', 'a mobile number has 11 digits and starts with 1', 'phone');
    const profile: MemberProfile = {
      maskedName: maskName(input.name),
      gender: id.gender,
      birthDate: id.birthDate,
      ethnicity: input.ethnicity,
      education: input.education,
      category: input.category,
      posts: input.posts ?? [],
      unitId: input.unitId ?? null,
    };
    const history: PipelineHistory = {
      appliedOn: input.appliedOn ?? null,
      activistOn: input.activistOn ?? null,
      candidateOn: input.candidateOn ?? null,
      joinedOn: input.joinedOn ?? null,
      fullMembershipOn: input.fullMembershipOn ?? null,
    };
    const commitId = input.commandId ?? randomUUID();
    const outcome = (
      await this.registration.registerAll(
        caller,
        [
          {
            organizationId: branch._id,
            district,
            rules: this.support.rulesFor(district),
            profile,
            name: input.name,
            idNumber: id.normalized,
            phone: input.phone ?? null,
            history,
            status: 'Normal',
            monthlyIncome: input.monthlyIncome ?? null,
            source: 'Registration',
            commitId,
            ...(input.memberId && { memberId: input.memberId }),
          },
        ],
        { batchId: null, correlationId: commitId },
      )
    )[0]!;
    switch (outcome.kind) {
      case 'registered':
        this.support.ports.onAppended();
        return outcome.member;
      case 'refused':
        throw outcome.violation;
      default: // already registered (an import's own batch alone resumes)
        return refuse(
          'CITIZEN_ID_ALREADY_REGISTERED',
          'a member with this citizen ID number is already registered in the city',
          'idNumber',
        );
    }
  }
}
