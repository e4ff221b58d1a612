import { z } from "zod";

/** A Standard Webhooks secret: `whsec_` + base64 of at least 24 random bytes. */
const webhookSecret = z
  .string()
  .regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be whsec_ followed by base64")
  .refine((value) => Buffer.from(value.slice(6), "base64").length >= 24, "must hold at least 24 bytes of key material");

const httpUrl = z.string().url().refine((value) => /^https?:\/\//.test(value), "must be an http(s) URL");

/**
 * Where alerts go. Declared in ALERT_RULES_FILE (secrets stay in that file, never in the database
 * or the API); rules name them.
 */
export const alertDestinationSchema = z.discriminatedUnion("channel", [
  z.object({
    name: z.string().min(1).max(128),
    channel: z.literal("WEBHOOK"),
    url: httpUrl,
    /** Several secrets during a rotation: every one signs, receivers accept any. */
    secrets: z.array(webhookSecret).min(1).max(5),
  }).strict(),
  z.object({
    name: z.string().min(1).max(128),
    channel: z.literal("EMAIL"),
    smtp: z.object({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean().default(false),
      user: z.string().optional(),
      password: z.string().optional(),
    }).strict(),
    from: z.string().email(),
    to: z.array(z.string().email()).min(1).max(50),
  }).strict(),
  z.object({ name: z.string().min(1).max(128), channel: z.literal("TEAMS"), url: httpUrl }).strict(),
  z.object({ name: z.string().min(1).max(128), channel: z.literal("SLACK"), url: httpUrl }).strict(),
]);
export type AlertDestination = z.infer<typeof alertDestinationSchema>;
export type AlertChannel = AlertDestination["channel"];
