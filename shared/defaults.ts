/**
 * Defaults, once, as plain values (no zod): the schemas default to these, and
 * the admin app offers them for a new reward (shared/reward.test.ts checks
 * that they make a valid reward).
 */
/** The reward a site starts with when the owner turns rewards on. */
export const REWARD_DEFAULTS = {
  enabled: true,
  kind: 'generated',
  label: '10% off your next order',
  percentOff: 10,
  validDays: 30,
  codePrefix: '',
  scope: 'site',
  issueOn: 'submit',
  delivery: 'instant',
  minCommentChars: 0,
} as const
