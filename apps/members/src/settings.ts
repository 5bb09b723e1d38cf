import path from 'node:path';
import { z } from 'zod';
import {
  byteSize,
  loadRulesFile,
  optionalText,
  parseEnv,
  readMasterKey,
  subgraphEnvironment,
  subgraphSettings,
  type SubgraphSettings,
} from '@lianjian/config';
import { DEFAULT_TRANSFER_RULES, type MemberRulesConfiguration, type TransferRules } from '@lianjian/members-domain';
import { MEMBER_RULES_FILE } from './config/member-rules.schema';
import { type RevealLimits } from './application/personal-data/reveal-quota';
import { DEFAULT_LETTER_FONT, letterFontProblem } from './infrastructure/transfer-letter/letter-font';

export interface MembersSettings extends SubgraphSettings {
  /**
   * The master key (32 bytes) that wraps every member's data key and derives the citizen-ID blind index key.
   * From MEMBERS_MASTER_KEY (base64) or MEMBERS_MASTER_KEY_FILE; never from a committed file.
   */
  readonly masterKey: Buffer;
  readonly rules: MemberRulesConfiguration;
  /** Largest request body (CSV imports arrive as GraphQL variables). */
  readonly bodyLimit: string;
  /** Full ID numbers and phones a caller may reveal per request and per hour (MEMBERS_REVEALS_PER_REQUEST, …_HOUR). */
  readonly revealLimits: RevealLimits;
  /**
   * The font transfer letters are printed with (MEMBERS_LETTER_FONT): a TrueType/OpenType file or collection with
   * Chinese glyphs, Debian's fonts-wqy-microhei by default (docs/adr/0023). Checked at start-up.
   */
  readonly letterFont: string;
  /** Letters' validity by scope and the dues rule of transfers (MEMBERS_TRANSFER_RULES, JSON); the defaults if absent. */
  readonly transferRules?: TransferRules;
  /** How often the transfer deadline sweep runs (MEMBERS_TRANSFER_SWEEP_MS; a minute by default). */
  readonly transferSweepMs?: number;
}

/** The rules file: the one shipped beside the service, or MEMBER_RULES_CONFIG; merged and checked (docs/adr/0017). */
export function loadMemberRules(file: string | null | undefined): MemberRulesConfiguration {
  return loadRulesFile(file ?? path.join(__dirname, 'config/rules.json'), MEMBER_RULES_FILE);
}

const validityMonths = z.number().int().min(1).max(6);
/** The transfer rules as JSON (any rule may be given; the others keep their defaults). */
const transferRulesSetting = z
  .string()
  .optional()
  .transform((text, ctx): TransferRules => {
    if (!text) return DEFAULT_TRANSFER_RULES;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return DEFAULT_TRANSFER_RULES;
    }
    const parsed = z
      .strictObject({
        defaultValidityMonths: z
          .strictObject({
            WithinCommittee: validityMonths,
            WithinDistrict: validityMonths,
            AcrossDistricts: validityMonths,
            OutOfCity: validityMonths,
            IntoCity: validityMonths,
          })
          .partial(),
        maxValidityMonths: validityMonths,
        maxValidityMonthsAcrossProvinces: validityMonths,
        settleArrearsFirst: z.boolean(),
      })
      .partial()
      .safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: `${issue.path.join('.') || 'rules'}: ${issue.message}` });
      return DEFAULT_TRANSFER_RULES;
    }
    return {
      ...DEFAULT_TRANSFER_RULES,
      ...parsed.data,
      defaultValidityMonths: { ...DEFAULT_TRANSFER_RULES.defaultValidityMonths, ...parsed.data.defaultValidityMonths },
    };
  });

/** The members service's environment, checked at start-up: every missing or wrong setting is named. */
const MEMBERS_ENV = z
  .object({
    ...subgraphEnvironment(4002),
    MEMBERS_MASTER_KEY: optionalText(),
    MEMBERS_MASTER_KEY_FILE: optionalText(),
    MEMBER_RULES_CONFIG: optionalText(),
    BODY_LIMIT: byteSize('64mb'),
    MEMBERS_REVEALS_PER_REQUEST: z.coerce.number().int().positive().default(20),
    MEMBERS_REVEALS_PER_HOUR: z.coerce.number().int().positive().default(200),
    MEMBERS_TRANSFER_RULES: transferRulesSetting,
    MEMBERS_TRANSFER_SWEEP_MS: z.coerce.number().int().positive().default(60_000),
    MEMBERS_LETTER_FONT: optionalText(),
  })
  .transform((env, ctx) => {
    const masterKey = readMasterKey(env, 'MEMBERS_MASTER_KEY', ctx);
    const letterFont = env.MEMBERS_LETTER_FONT ?? DEFAULT_LETTER_FONT;
    const fontProblem = letterFontProblem(letterFont);
    if (fontProblem) ctx.addIssue({ code: 'custom', path: ['MEMBERS_LETTER_FONT'], message: fontProblem });
    return { ...env, masterKey, letterFont };
  });

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): MembersSettings {
  const e = parseEnv(MEMBERS_ENV, env);
  return {
    ...subgraphSettings(e, 'lianjian_members'),
    masterKey: e.masterKey,
    rules: loadMemberRules(e.MEMBER_RULES_CONFIG),
    bodyLimit: e.BODY_LIMIT,
    revealLimits: { perRequest: e.MEMBERS_REVEALS_PER_REQUEST, perHour: e.MEMBERS_REVEALS_PER_HOUR },
    letterFont: e.letterFont,
    transferRules: e.MEMBERS_TRANSFER_RULES,
    transferSweepMs: e.MEMBERS_TRANSFER_SWEEP_MS,
  };
}
