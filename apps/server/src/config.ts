import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';

const boolish = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);
const isProxyAddress = (item: string) => {
  if (PROXY_RANGES.has(item)) return true;
  const [address = '', bits, ...rest] = item.split('/');
  const family = net.isIP(address);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
};

/**
 * Which proxies' X-Forwarded-For / X-Forwarded-Proto are believed. None by default: otherwise any
 * client could name its own address, escape the login rate limit and write it into the audit log.
 * A hop count (1 = the nearest proxy, e.g. nginx on the same machine) or addresses/CIDRs.
 */
const trustProxySchema = z
  .string()
  .trim()
  .default('')
  .transform((value, ctx): false | number | string[] => {
    if (['', 'false', 'none', '0'].includes(value.toLowerCase())) return false;
    if (/^\d+$/.test(value)) {
      const hops = Number(value);
      if (hops <= 10) return hops;
    } else {
      const items = value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean);
      if (items.length > 0 && items.every(isProxyAddress)) return items;
    }
    ctx.addIssue({
      code: 'custom',
      message:
        'use a hop count (1 = the nearest proxy) or addresses/CIDRs such as 127.0.0.1,10.0.0.0/8 (or loopback); "true" would trust every client',
    });
    return z.NEVER;
  });

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  SEED_DEMO: boolish.default(true),
  COOKIE_SECURE: boolish.default(false),
  TRUST_PROXY: trustProxySchema,
  WEB_DIST_DIR: z.string().optional(),
  /**
   * The address people use to reach the platform (e.g. https://jiangtai.example.gov.cn), printed in
   * certificates' QR codes and on member slips. Without it the address of the request is used, which
   * is wrong when the organiser works on a LAN address or through a proxy that rewrites Host.
   */
  PUBLIC_ORIGIN: z
    .string()
    .regex(/^https?:\/\/[^/\s]+$/, 'must be like https://jiangtai.example.cn (no path, no trailing slash)')
    .optional(),
  /** One known password for every demo account (e2e, CI); otherwise random ones are printed once. */
  DEMO_PASSWORD: z.string().min(8, '至少 8 位').optional(),
  /**
   * Key of the one-time initial passwords on member slips. Several instances must share it; without it
   * each data directory makes its own at DATA_DIR/secrets/account-codes.key (not in backups).
   */
  ACCOUNT_CODE_SECRET: z.string().min(32, 'at least 32 characters').optional(),
  /** Days an initial password on a slip stays valid after it was issued. */
  ACCOUNT_CODE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Days a speaker has to accept or decline a dispatched lecture order (接单) before it shows as overdue. */
  ORDER_REPLY_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** Run background jobs (video transcoding) inside the server; false when separate `npm run worker` processes do it. */
  JOBS_IN_PROCESS: boolish.default(true),
  /** Jobs one process runs at the same time (each transcode uses about one CPU core). */
  JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** Largest file one upload may carry (bytes); an upload purpose may set a lower limit. */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(2 * 1024 ** 3),
  /** Hours after which an unfinished upload is deleted. */
  UPLOAD_EXPIRE_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .default(48),
  /** S3-compatible object storage for uploads; all of endpoint, bucket and keys, or none. */
  S3_ENDPOINT: z.url('must be a URL such as https://s3.example.com').optional(),
  S3_BUCKET: z.string().min(3).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: boolish.default(false),
  /**
   * Runs the server's clock this many days ahead. Only for rehearsals and end-to-end tests of
   * periods that take days (a 公示 of 5 working days); never set it on a live system.
   */
  CLOCK_OFFSET_DAYS: z.coerce.number().int().min(0).max(365).default(0),
  /** Bearer token a Prometheus scraper presents to GET /api/metrics (system admins may read it signed in). */
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
});

const s3Keys = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
const envSchemaChecked = envSchema.superRefine((env, ctx) => {
  const set = s3Keys.filter((k) => env[k] !== undefined);
  if (set.length > 0 && set.length < s3Keys.length)
    for (const k of s3Keys.filter((key) => env[key] === undefined))
      ctx.addIssue({ code: 'custom', path: [k], message: `required when ${set.join(', ')} is set` });
  // A completed upload is copied to its final key with one CopyObject, which S3 limits to 5 GiB.
  if (set.length === s3Keys.length && env.UPLOAD_MAX_BYTES > 5 * 1024 ** 3)
    ctx.addIssue({ code: 'custom', path: ['UPLOAD_MAX_BYTES'], message: 'at most 5 GiB with S3 storage' });
});

export type Config = z.infer<typeof envSchema> & { dataDir: string };

/** Parses the environment; a bad value stops start-up with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = envSchemaChecked.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置错误 (invalid environment):\n${lines.join('\n')}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.DATA_DIR) };
}
