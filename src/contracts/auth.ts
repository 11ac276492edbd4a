/** Accounts and sessions (docs/api.md « Accounts »). */
import { z } from 'zod';

/** At least this long; bounded above too (argon2 hashes whatever it is given). */
export const MIN_PASSWORD_LENGTH = 10;

export const setupStatusSchema = z.object({ needsSetup: z.boolean(), needsCode: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  email: z.email().trim().max(320),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1024),
  code: z.string().trim().max(100).optional(),
});
export type SetupInput = z.input<typeof setupInputSchema>;

export const loginInputSchema = z.strictObject({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});
export type LoginInput = z.input<typeof loginInputSchema>;

export const ROLES = ['owner', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** `GET /api/me`, and the answer of setup and login. */
export const sessionSchema = z.object({
  // owner: sets the workspace up (settings, sending, templates); member: works with the clients.
  user: z.object({ id: z.number(), name: z.string(), email: z.string(), role: z.enum(ROLES) }),
  workspace: z.object({ id: z.number(), name: z.string() }),
  csrfToken: z.string(),
});
export type Session = z.infer<typeof sessionSchema>;
