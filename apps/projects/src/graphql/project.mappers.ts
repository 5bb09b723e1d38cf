import { type ProjectView } from '../application/projects/project.queries';
import { type ProjectModel } from './project.types';

const ref = (id: string) => ({ id });

export function toProject(view: ProjectView): ProjectModel {
  const p = view.state;
  return {
    id: p.id,
    councilId: p.councilId,
    title: p.title,
    category: p.category,
    status: p.status,
    needIds: [...p.needIds],
    region: { ...p.region },
    convener: ref(p.convenerOrganizationId),
    claims: p.claims.map((c) => ({
      unit: ref(c.unitId),
      organization: c.organizationId ? ref(c.organizationId) : null,
      resources: c.resources.map((r) => ({ ...r })),
      description: c.description,
    })),
    milestones: p.milestoneIds.length,
    signIns: {
      volunteers: p.signInCounts.Volunteer,
      members: p.signInCounts.Member,
      participatingMembers: p.participantMemberIds.length,
    },
    score: p.scoreTotal,
    lastStepOn: p.lastStepOn,
    version: view.version,
  };
}
