import { type Caller } from '@lianjian/auth';
import { type IsoDate } from '@lianjian/calendar';
import { refuse } from '@lianjian/projects-domain';
import { type RatingCommands } from './rating.commands';

/** What a public link vouches for (signed by the infrastructure with the service's link key). */
export interface PublicLinkClaims {
  readonly purpose: 'rate' | 'need' | 'receipt';
  readonly id: string;
  readonly validUntil: IsoDate | null;
}

export interface PublicLink {
  readonly code: string;
  /** The URL path of the public form: `/public/rate?l=<code>`. */
  readonly path: string;
  /** The absolute URL (the QR code's payload): the service's public base URL and the path. */
  readonly url: string;
  /** The QR code of the URL, an SVG document. */
  readonly qrSvg: string;
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
    /** PROJECTS_PUBLIC_BASE_URL, without a trailing slash. */
    private readonly baseUrl: string,
    /** The QR code (SVG) of a URL. */
    private readonly qrSvg: (url: string) => Promise<string>,
  ) {}

  async projectRatingLink(caller: Caller, projectId: string, validUntil: IsoDate | null): Promise<PublicLink> {
    await this.ratings.assertLinkIssuer(caller, projectId);
    return this.link({ purpose: 'rate', id: projectId, validUntil: this.until(validUntil) });
  }

  async needFormLink(caller: Caller, councilId: string, validUntil: IsoDate | null): Promise<PublicLink> {
    await this.ratings.assertCouncilAdmin(caller, councilId);
    return this.link({ purpose: 'need', id: councilId, validUntil: this.until(validUntil) });
  }

  /**
   * A need's receipt code, for a need staff entered (a resident who phoned or came in): the council's admins hand it
   * over, and the resident follows the need on the public endpoint (`needReceipt`) as one who used the form does.
   */
  async needReceiptCode(caller: Caller, needId: string): Promise<string> {
    await this.ratings.assertNeedCouncilAdmin(caller, needId);
    return this.sign({ purpose: 'receipt', id: needId, validUntil: null });
  }

  private until(validUntil: IsoDate | null): IsoDate | null {
    if (validUntil !== null && validUntil < this.today())
      refuse('DATE_OUT_OF_ORDER', 'a link is valid until today or later', 'validUntil');
    return validUntil;
  }

  private async link(claims: PublicLinkClaims): Promise<PublicLink> {
    const code = this.sign(claims);
    const path = `/public/${claims.purpose}?l=${code}`;
    const url = `${this.baseUrl}${path}`;
    return { code, path, url, qrSvg: await this.qrSvg(url), validUntil: claims.validUntil };
  }
}
