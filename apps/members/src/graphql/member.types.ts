import { Connection } from '@lianjian/api';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { CATEGORIES, MEMBERSHIP_STATUSES, STAGES } from '@lianjian/members-domain';

const enumOf = <T extends string>(values: readonly T[]): Record<T, T> =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;

export const StageEnum = enumOf(STAGES);
export const MembershipStatusEnum = enumOf(MEMBERSHIP_STATUSES);
export const MemberCategoryEnum = enumOf(CATEGORIES);
export const GenderEnum = enumOf(['Male', 'Female'] as const);
export const DeadlineStatusEnum = enumOf(['DUE', 'OVERDUE'] as const);
export const DeadlineKindEnum = enumOf(['ADMISSION_APPROVAL', 'FULL_MEMBERSHIP_APPROVAL', 'PROBATION_ENDING'] as const);
export const ReductionKindEnum = enumOf(['Reduction', 'Waiver'] as const);
export const DecisionLevelEnum = enumOf(['Branch', 'Superior'] as const);
export const LapseDecisionEnum = enumOf(['Remove', 'Keep'] as const);

registerEnumType(StageEnum, { name: 'Stage', description: '入党申请人 → 积极分子 → 发展对象 → 预备党员 → 正式党员' });
registerEnumType(MembershipStatusEnum, {
  name: 'MembershipStatus',
  description: '党籍: 正常, 保留, 停止, 恢复, 开除, 出党, 去世, 转出',
});
registerEnumType(MemberCategoryEnum, {
  name: 'MemberCategory',
  description: '人员类别: 在职, 离退休, 学生, 无业, 低保, 农民, 其他',
});
registerEnumType(GenderEnum, { name: 'Gender' });
registerEnumType(DeadlineStatusEnum, { name: 'DeadlineStatus' });
registerEnumType(DeadlineKindEnum, { name: 'DeadlineKind' });
registerEnumType(ReductionKindEnum, { name: 'DuesReductionKind', description: '减交 / 免交' });
registerEnumType(DecisionLevelEnum, { name: 'DecisionLevel' });
registerEnumType(LapseDecisionEnum, { name: 'LapseDecision', description: 'Remove: 自行脱党; Keep: stays a member' });

/** The organizations service's entity: the members subgraph adds the members of an organization to it. */
@ObjectType('Organization')
@Directive('@key(fields: "id")')
export class OrganizationRefModel {
  @Field(() => ID) id!: string;
}

@ObjectType('StageStep')
export class StageStepModel {
  @Field(() => StageEnum) stage!: string;
  @Field() since!: string;
}

@ObjectType('StatusStep')
export class StatusStepModel {
  @Field(() => MembershipStatusEnum) status!: string;
  @Field() since!: string;
  @Field(() => String, {
    nullable: true,
    description: "Opened with the member's key (it travels sealed); null once their personal data is erased.",
  })
  reason!: string | null;
}

@ObjectType('MeetingVote', {
  description: "A branch members' meeting's vote, checked against the voting members on that date.",
})
export class MeetingVoteModel {
  @Field() heldOn!: string;
  @Field(() => Int) votingMembers!: number;
  @Field(() => Int) attending!: number;
  @Field(() => Int) inFavour!: number;
  @Field(() => ID, { nullable: true }) meetingId!: string | null;
}

@ObjectType('PendingDecision', { description: 'A branch decision awaiting the superior approval.' })
export class PendingDecisionModel {
  @Field() kind!: string;
  @Field(() => MeetingVoteModel) vote!: MeetingVoteModel;
  @Field() approvalDueOn!: string;
}

@ObjectType('PipelineDeadline')
export class PipelineDeadlineModel {
  @Field(() => DeadlineKindEnum) kind!: string;
  @Field() dueOn!: string;
  @Field(() => DeadlineStatusEnum) status!: string;
}

@ObjectType('DuesBill')
export class DuesBillModel {
  @Field() month!: string;
  @Field(() => Float) amount!: number;
  @Field(() => Float, { description: 'Before any reduction or waiver.' }) standardAmount!: number;
  @Field(() => ID, { nullable: true }) reductionId!: string | null;
  @Field(() => String, { nullable: true }) paidOn!: string | null;
}

@ObjectType('DuesReduction')
export class DuesReductionModel {
  @Field(() => ID) id!: string;
  @Field(() => ReductionKindEnum) kind!: string;
  @Field() fromMonth!: string;
  @Field() toMonth!: string;
  @Field(() => Float) monthlyAmount!: number;
  @Field(() => String, {
    nullable: true,
    description: "Opened with the member's key (it travels sealed); null once their personal data is erased.",
  })
  reason!: string | null;
  @Field() requestedOn!: string;
  @Field({ description: 'Requested, BranchApproved, Approved or Rejected.' }) state!: string;
}

@ObjectType('Dues')
export class DuesModel {
  @Field(() => MemberCategoryEnum) category!: string;
  @Field(() => Float, {
    nullable: true,
    description: "From the brackets of the member's category; null until the income is declared.",
  })
  monthlyAmount!: number | null;
  @Field(() => [DuesBillModel]) bills!: DuesBillModel[];
  @Field(() => [String], { description: 'Billed months not paid.' }) arrearsMonths!: string[];
  @Field(() => Float) arrearsAmount!: number;
  @Field(() => [DuesReductionModel]) reductions!: DuesReductionModel[];
}

@ObjectType('Attendance', { description: 'A meeting the member attended or missed (from the organizations service).' })
export class AttendanceModel {
  @Field(() => ID) meetingId!: string;
  @Field(() => ID) organizationId!: string;
  @Field() meetingType!: string;
  @Field() heldOn!: string;
  @Field() attended!: boolean;
  @Field(() => String, {
    nullable: true,
    description:
      "The reason the organizations service recorded, sealed to the member's key; opened here, null once erased.",
  })
  absenceReason!: string | null;
}

@ObjectType('MemberProjectActivity', {
  description:
    "A member's sign-ins at co-building projects (区域化党建), as the projects service published them: what the yearly appraisal reads.",
})
export class MemberProjectActivityModel {
  @Field(() => Int, { description: 'Sign-ins at project activities, each counted once.' }) signIns!: number;
  @Field(() => String, { nullable: true, description: 'The day of the latest sign-in; null before the first.' })
  lastSignInOn!: string | null;
}

@ObjectType('Member', {
  description: '党员 (and people in the development pipeline). The id is the member card / QR number.',
})
@Directive('@key(fields: "id")')
export class MemberModel {
  @Field(() => ID) id!: string;
  @Field(() => ID, { description: '党员卡号: the same as the id.' }) cardNumber!: string;
  @Field({ description: 'The name masked (张*明): what travels in clear on the event stream.' }) maskedName!: string;
  @Field(() => GenderEnum) gender!: string;
  @Field() birthDate!: string;
  @Field() ethnicity!: string;
  @Field() education!: string;
  @Field(() => MemberCategoryEnum) category!: string;
  @Field(() => [String]) posts!: string[];
  @Field(() => ID, { nullable: true }) unitId!: string | null;
  @Field(() => ID) organizationId!: string;
  @Field(() => StageEnum) stage!: string;
  @Field(() => [StageStepModel]) stageHistory!: StageStepModel[];
  @Field(() => [ID]) sponsorIds!: string[];
  @Field(() => String, { nullable: true, description: '入党日期 (admitted as probationary member).' }) joinedOn!:
    string | null;
  @Field(() => String, { nullable: true }) probationEndsOn!: string | null;
  @Field() probationExtended!: boolean;
  @Field() probationCancelled!: boolean;
  @Field(() => String, { nullable: true, description: '转正日期.' }) fullMembershipOn!: string | null;
  @Field(() => PendingDecisionModel, { nullable: true }) pendingDecision!: PendingDecisionModel | null;
  @Field(() => MembershipStatusEnum) status!: string;
  @Field(() => String, { nullable: true, description: '失联 since.' }) lostContactSince!: string | null;
  @Field() registeredOn!: string;
  @Field(() => String, { nullable: true }) personalDataErasedOn!: string | null;
  @Field(() => Int) version!: number;
}

/** Cursor-paged members (Relay style, @lianjian/api), with its own `MemberPageInfo`. */
@ObjectType('MemberConnection')
export class MemberConnectionModel extends Connection(MemberModel, 'Member') {}

@ObjectType('DeadlineRow')
export class DeadlineRowModel {
  @Field(() => MemberModel) member!: MemberModel;
  @Field(() => PipelineDeadlineModel) deadline!: PipelineDeadlineModel;
}

@ObjectType('ArrearsRow')
export class ArrearsRowModel {
  @Field(() => MemberModel) member!: MemberModel;
  @Field(() => [String]) months!: string[];
  @Field(() => Float) amount!: number;
}

@ObjectType('DuesCollection', { description: '党费收缴率 of an organization (with its subtree) over a period.' })
export class DuesCollectionModel {
  @Field(() => ID) organizationId!: string;
  @Field() fromMonth!: string;
  @Field() toMonth!: string;
  @Field(() => Float) billed!: number;
  @Field(() => Float) paid!: number;
  @Field(() => Float, { description: 'paid / billed (amounts).' }) rate!: number;
  @Field(() => Int) billedMembers!: number;
  @Field(() => Int) paidMembers!: number;
  @Field(() => Float, { description: 'Members who paid every billed month / members billed.' }) memberRate!: number;
}

@ObjectType('DuesBillRun')
export class DuesBillRunModel {
  @Field(() => Int) billed!: number;
  @Field(() => Int) alreadyBilled!: number;
  @Field(() => Int, { description: 'Not members yet, membership ended or suspended.' }) notBillable!: number;
  @Field(() => [ID], { description: 'Members paying by income who have not declared it: not billed until they do.' })
  incomeNotDeclared!: string[];
}

@ObjectType('LapseReason')
export class LapseReasonModel {
  @Field() code!: string;
  @Field() message!: string;
  @Field() since!: string;
}

@ObjectType('LapseCandidate', { description: 'A candidate for removal (自行脱党), with the reasons.' })
export class LapseCandidateModel {
  @Field(() => MemberModel) member!: MemberModel;
  @Field(() => [LapseReasonModel]) reasons!: LapseReasonModel[];
}

@ObjectType('PersonalDataAccess', { description: 'An audited full read of an ID number or phone.' })
export class PersonalDataAccessModel {
  @Field() field!: string;
  @Field() actor!: string;
  @Field() role!: string;
  @Field() at!: Date;
}

@ObjectType('ImportLineError')
export class ImportLineErrorModel {
  @Field(() => Int) line!: number;
  @Field(() => String, { nullable: true }) field!: string | null;
  @Field(() => String, { nullable: true, description: 'The CSV column (Chinese header).' }) column!: string | null;
  @Field() reason!: string;
}

@ObjectType('MemberImportReport')
export class MemberImportReportModel {
  @Field(() => ID, { description: 'SHA-256 of the file: the same file is the same import.' }) importId!: string;
  @Field() fileName!: string;
  @Field() status!: string;
  @Field(() => Int) rows!: number;
  @Field(() => Int) imported!: number;
  @Field(() => Int, { description: 'People already registered: not imported again.' }) duplicates!: number;
  @Field(() => Int) failed!: number;
  @Field(() => [ImportLineErrorModel]) errors!: ImportLineErrorModel[];
  @Field(() => Int, { nullable: true, description: 'Where this run resumed an interrupted import.' }) resumedFromLine!:
    number | null;
  @Field(() => Int) runs!: number;
}
