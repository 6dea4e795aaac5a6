import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import type { Config } from '../../config.ts';

// The SDK warns on every Node below 22 that releases after January 2027 will need Node 22; the
// pinned release works on Node 20.19, so the notice only buries the start-up lines. An explicit
// setting in the environment wins.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface S3Settings {
  bucket: string;
  client: S3ClientConfig & { bucket: string };
}

/** S3 settings from the config, or null for local storage (config.ts checks that all or none are set). */
export function s3Settings(config: Config): S3Settings | null {
  const { S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = config;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) return null;
  return {
    bucket: S3_BUCKET,
    client: {
      bucket: S3_BUCKET,
      endpoint: S3_ENDPOINT,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials: { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY },
      // Checksums only where S3 demands them: many S3-compatible servers (MinIO versions, OSS, Ceph,
      // s3rver) do not understand the SDK's default aws-chunked checksum trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    },
  };
}

const clients = new WeakMap<Config, S3Client>();

/** One client per config (connection reuse); throws when S3 is not configured. */
export function s3Client(config: Config): { client: S3Client; bucket: string } {
  const settings = s3Settings(config);
  if (!settings) throw new Error('S3 storage is not configured (S3_ENDPOINT, S3_BUCKET, …)');
  let client = clients.get(config);
  if (!client) {
    const { bucket: _bucket, ...clientConfig } = settings.client;
    client = new S3Client(clientConfig);
    clients.set(config, client);
  }
  return { client, bucket: settings.bucket };
}

/** Closes the pooled connections (app shutdown). */
export function closeS3Client(config: Config) {
  clients.get(config)?.destroy();
  clients.delete(config);
}
