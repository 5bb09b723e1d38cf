import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { type Person } from '@lianjian/organizations-domain';
import { AbsenteeModel } from './membership.types';
import { MemberRefModel, PersonModel } from './types';

const memberRef = (memberId: string | null) => (memberId ? { __typename: 'Member', id: memberId } : null);

/** A person in a record, as a reference the members subgraph resolves (their name for callers allowed to see it). */
@Resolver(() => PersonModel)
export class PersonResolver {
  @ResolveField(() => MemberRefModel, {
    nullable: true,
    description: 'The member, resolved by the members service (its `name` is the full name, for those allowed).',
  })
  member(@Parent() p: Person) {
    return memberRef(p.memberId);
  }
}

/** An absentee as a reference to the member, whose absence reason the members subgraph opens. */
@Resolver(() => AbsenteeModel)
export class AbsenteeResolver {
  @ResolveField(() => MemberRefModel, { nullable: true, description: 'The member, resolved by the members service.' })
  member(@Parent() a: { memberId: string }) {
    return memberRef(a.memberId);
  }
}
