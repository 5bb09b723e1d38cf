import { type Caller } from '@lianjian/auth';
import { type IsoDate } from '@lianjian/calendar';
import { refuse } from '@lianjian/projects-domain';
import { type RatingCommands } from './rating.commands';

/** What a public link vouches for (signed by the infrastructure with the service's link key). */
export interface PublicLinkClaims {
  readonly purpose: 'rate' | 'need';
  readonly id: string;
  readonly validUntil: IsoDate | null;
}

export interface PublicLink {
  readonly code: string;
  /** The URL path (and QR payload) of the public form: `/public/rate?l=<code>`. */
  readonly path: string;
  readonly validUntil: IsoDate | null;
}

/**
 * The signed links (and QR codes) of the public path: a project's rating link and a council's need form, issued by
 * the council's admins (its convener's subtree).
 */
export class PublicLinks {
  constructor(
    private readonly ratings: RatingCommands,
    private readonly sign: (claims: PublicLinkClaims) => string,
    private readonly today: () => IsoDate,
  ) {}

  async projectRatingLink(caller: Caller, projectId: string, validUntil: IsoDate | null): Promise<PublicLink> {
    await this.ratings.assertLinkIssuer(caller, projectId);
    return this.link({ purpose: 'rate', id: projectId, validUntil: this.until(validUntil) });
  }

  async needFormLink(caller: Caller, councilId: string, validUntil: IsoDate | null): Promise<PublicLink> {
    await this.ratings.assertCouncilAdmin(caller, councilId);
    return this.link({ purpose: 'need', id: councilId, validUntil: this.until(validUntil) });
  }

  private until(validUntil: IsoDate | null): IsoDate | null {
    if (validUntil !== null && validUntil < this.today())
      refuse('DATE_OUT_OF_ORDER', 'a link is valid until today or later', 'validUntil');
    return validUntil;
  }

  private link(claims: PublicLinkClaims): PublicLink {
    const code = this.sign(claims);
    return { code, path: `/public/${claims.purpose}?l=${code}`, validUntil: claims.validUntil };
  }
}
