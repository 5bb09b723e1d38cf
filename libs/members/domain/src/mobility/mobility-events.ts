import { type IsoDate } from '@lianjian/calendar';

// Mobility (流动党员) and community registration (在职党员到社区报到) events: each on a stream of its own, apart from
// the member stream — the member's formal relationship (organizationId) never moves with them. Every event names the
// member and their branch (`organizationId`), so the branch reads them as its own; contacts and free texts about the
// member travel sealed to the member's key (ciphertext, null once erased), places and organization names in clear.

/** How a flow-out ended: the member came back, transferred their relationship to where they are, or a mistake. */
export const FLOW_OUT_ENDINGS = ['Returned', 'Transferred', 'Cancelled'] as const;
export type FlowOutEnding = (typeof FLOW_OUT_ENDINGS)[number];

/** How a flow-in ended: the member left the host organization (went on, or home), or a mistake. */
export const FLOW_IN_ENDINGS = ['Left', 'Cancelled'] as const;
export type FlowInEnding = (typeof FLOW_IN_ENDINGS)[number];

/** What a member did for the community (在职党员进社区): 志愿服务, 社区治理, 政策宣传, 结对帮扶, 其他. */
export const COMMUNITY_SERVICE_KINDS = [
  'Volunteering',
  'CommunityGovernance',
  'PolicyPublicity',
  'Assistance',
  'Other',
] as const;
export type CommunityServiceKind = (typeof COMMUNITY_SERVICE_KINDS)[number];

/** The community's rating of a member's service there (优秀 / 良好 / 一般 / 差): input to the yearly appraisal. */
export const COMMUNITY_RATINGS = ['Excellent', 'Good', 'Fair', 'Poor'] as const;
export type CommunityRating = (typeof COMMUNITY_RATINGS)[number];

/** Who ended a community registration: the member, their branch's side, or the community's. */
export const REVOKED_BY = ['Member', 'Branch', 'Community'] as const;
export type RevokedBy = (typeof REVOKED_BY)[number];

/** The events of a member's mobility stream (`mobility-<memberId>`). */
export type MobilityEvent =
  | {
      type: 'MemberFlowedOut';
      data: {
        memberId: string;
        /** The member's branch (where their relationship stays). */
        organizationId: string;
        flowOutId: string;
        /** Where the member went (city, province): in clear. */
        destination: string;
        /** The host organization for activities when it is one of the city's (null: outside the city, or none). */
        hostOrganizationId: string | null;
        /** The host's name (the city's organization's, or the outside one's as given); null: no host. */
        hostName: string | null;
        from: IsoDate;
        /** The expected return (end of the period); null: open. */
        until: IsoDate | null;
        /** Phone and address there, sealed to the member's key; null: none given (or erased). */
        contact: string | null;
        registeredOn: IsoDate;
      };
    }
  | {
      type: 'FlowOutContactRecorded';
      data: {
        memberId: string;
        organizationId: string;
        flowOutId: string;
        /** The branch heard from the member on this day (a report, a call). */
        on: IsoDate;
        /** A new contact the member gave, sealed to their key; null: unchanged. */
        contact: string | null;
      };
    }
  | {
      type: 'FlowOutEnded';
      data: { memberId: string; organizationId: string; flowOutId: string; endedOn: IsoDate; ending: FlowOutEnding };
    }
  | {
      type: 'MemberFlowedIn';
      data: {
        memberId: string;
        /** The member's own branch: the relationship stays there. */
        organizationId: string;
        flowInId: string;
        /** The organization the member takes part in activities with (one of the city's). */
        hostOrganizationId: string;
        hostName: string;
        from: IsoDate;
        until: IsoDate | null;
        /** Phone and address while here, sealed to the member's key; null: none given (or erased). */
        contact: string | null;
        /** The member's open flow-out this flow-in is the other side of (null: none registered). */
        flowOutId: string | null;
        registeredOn: IsoDate;
      };
    }
  | {
      type: 'FlowInEnded';
      data: {
        memberId: string;
        organizationId: string;
        flowInId: string;
        hostOrganizationId: string;
        endedOn: IsoDate;
        ending: FlowInEnding;
      };
    };

export type MobilityEventType = MobilityEvent['type'];

/** The events of one member's registration with one community (`community-registration-<memberId>-<communityId>`). */
export type CommunityRegistrationEvent =
  | {
      type: 'CommunityRegistered';
      data: {
        memberId: string;
        /** The member's branch when they registered. */
        organizationId: string;
        communityId: string;
        communityName: string;
        registeredOn: IsoDate;
      };
    }
  | {
      type: 'CommunityRegistrationRevoked';
      data: { memberId: string; organizationId: string; communityId: string; revokedOn: IsoDate; revokedBy: RevokedBy };
    }
  | {
      type: 'CommunityServiceRecorded';
      data: {
        memberId: string;
        /** The member's branch when the service was recorded: the branch it reaches. */
        organizationId: string;
        communityId: string;
        serviceId: string;
        kind: CommunityServiceKind;
        on: IsoDate;
        hours: number;
        /** What the member did, in the community's words, sealed to the member's key; null: none. */
        description: string | null;
      };
    }
  | {
      type: 'CommunityFeedbackGiven';
      data: {
        memberId: string;
        /** The member's branch when the feedback was given: it reaches that branch (input to its yearly appraisal). */
        organizationId: string;
        communityId: string;
        feedbackId: string;
        rating: CommunityRating;
        /** The community's words, sealed to the member's key; null: none. */
        comment: string | null;
        givenOn: IsoDate;
      };
    };

export type CommunityRegistrationEventType = CommunityRegistrationEvent['type'];
