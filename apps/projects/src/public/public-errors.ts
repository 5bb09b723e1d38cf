/**
 * A refusal of the public endpoint that is not a domain rule: a link that is not ours or has expired, a client over
 * its rate. Like a domain refusal it has a stable code and the input field at fault.
 */
export class PublicRefusal extends Error {
  constructor(
    readonly code: 'LINK_INVALID' | 'LINK_EXPIRED' | 'RATE_LIMITED' | 'BAD_USER_INPUT',
    message: string,
    readonly field: string | null,
  ) {
    super(message);
    this.name = 'PublicRefusal';
  }
}

/**
 * The input field a variable coercion error names: `Variable "$input" got invalid value "Unit" at
 * "input.submitterKind"; …` → `submitterKind`, `…; Field "unitId" is not defined by type …` → `unitId`, `…; Field
 * "title" of required type …` → `title`; the variable itself when nothing inside it is named.
 */
export function variableField(message: string): string | null {
  const variable = /^Variable "\$([A-Za-z_]\w*)"/.exec(message)?.[1];
  if (!variable) return null;
  const path = (/ at "([\w.[\]]+)"; /.exec(message)?.[1]?.split('.').slice(1) ?? []).map((p) =>
    p.replace(/\[\d+\]$/, ''),
  );
  const field = /; Field "(\w+)" (?:is not defined by type|of required type)/.exec(message)?.[1];
  return [...path, ...(field ? [field] : [])].join('.') || variable;
}
