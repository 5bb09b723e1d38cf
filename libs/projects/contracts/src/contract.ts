import { type MessageOf, decoderFor, defineServiceContract } from '@lianjian/contracts';
import { PROJECTS_MESSAGES } from './messages';
import { PROJECTS_TOPICS } from './topics';
import { PROJECTS_UPCASTERS } from './upcasters';

/** The projects service's published contract: its topics and every message on them. */
export const PROJECTS_CONTRACT = defineServiceContract({
  source: 'projects',
  title: 'Lianjian projects events',
  description:
    'Domain events of the projects service (regional co-building, 区域化党建 / 共建联建: joint councils and their member units, pairings, needs, resources, co-building projects, ratings by the people served, the "most creative project" selection) as published to Kafka by its outbox relay: at-least-once, in order per stream (message key = stream id). Deduplicate by eventId, or by streamId + streamVersion. Satisfaction ratings (`ProjectRated`) are on lianjian.projects.rating.v1.',
  topics: PROJECTS_TOPICS,
  messages: PROJECTS_MESSAGES,
  upcasters: PROJECTS_UPCASTERS,
  catalogNotes: [
    'Regional co-building (区域化党建, 共建联建): a joint council convened by a party organization (`CouncilConvened`)',
    "gathers member units (from the organizations service's unit registry) and matches the needs of residents, office",
    'workers and units (`NeedSubmitted`) with the resources units offer (`ResourceOffered`); projects proposed from',
    'needs are resolved by a council session, approved by the community party committee, claimed by units, carried',
    'out, completed, scored by the council (`ProjectScored`), rated by the people they served (`ProjectRated`) and',
    "closed. Every council, project and rating carries the council's `region` (district, street, community) or the",
    "council id; every id of a unit or organization is the organizations service's.",
    '**Satisfaction (`ProjectRated`, `lianjian.projects.rating.v1`)**: one message per rating, each on a stream of its',
    'own (`rating-<projectId>-<raterKey>`: one rating per person and project; a second is refused, never published).',
    'It carries `projectId`, `councilId`, `region` and `level`, so the satisfaction rate (满意率: VerySatisfied +',
    'Satisfied + BasicallySatisfied over all ratings) per project, council, community, street or district is a',
    "group-by on the payload alone; the project's title, category and claiming units come from `ProjectProposed` and",
    "`ProjectClaimed` by `projectId`. A project's ratings are spread over many keys and partitions: count each",
    "`eventId` once and expect no order across raters. The council's indicator score (`ProjectScored`) is a different",
    'measure and is not a rating.',
    "**Personal data**: residents, office workers and volunteers are not platform users and are never named. A need's",
    "`contact` is ciphertext only (`v1.<iv>.<tag>.<data>`, enforced by the schema) under a key of the need's own that",
    'only the projects service holds (nobody can open it once that key is deleted). A rating carries nothing about',
    'its rater: its stream key holds a pseudonymous rater key (a keyed hash of the project and the mobile number, which',
    'is never stored), and its comment is screened before it is stored — ID numbers, phone numbers, e-mail addresses',
    'and card numbers replaced by a mark, `screenedKinds` naming the kinds removed; the schema refuses a comment that',
    'still holds one.',
    'Party members appear by member id only (unit representatives, committee seats, `ProjectSignedIn` of kind',
    "Member, which the members service takes for the yearly appraisal); a volunteer's sign-in has no member id and",
    "nothing else about the person (enforced by the schema). A need's title, description and place are the submitter's",
    'words, screened like a comment before they are stored (the schema refuses an unscreened one).',
  ].join('\n'),
});

/** Every message the projects service publishes (type, version, topic, key, payload schema, example). */
export const PROJECTS_EVENTS = PROJECTS_MESSAGES;

/** A decoded projects message: the envelope, typed by `type`, around its payload. */
export type ProjectsMessage = MessageOf<(typeof PROJECTS_MESSAGES)[number]>;

/**
 * Checks a message against the projects service's published schemas and returns it typed; `null` for a type this
 * contract does not list. Throws `ContractViolationError` otherwise.
 */
export const decodeProjectsMessage = (envelope: unknown): ProjectsMessage | null =>
  decoderFor(PROJECTS_CONTRACT).decode(envelope);
