import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { s3Settings } from './s3.ts';

describe('upload configuration', () => {
  it('defaults to 2 GB uploads on local disk that expire after 48 hours', () => {
    const config = loadConfig({});
    expect(config.UPLOAD_MAX_BYTES).toBe(2 * 1024 ** 3);
    expect(config.UPLOAD_EXPIRE_HOURS).toBe(48);
    expect(s3Settings(config)).toBeNull();
  });

  it('refuses half an S3 configuration, naming what is missing', () => {
    expect(() => loadConfig({ S3_BUCKET: 'media' })).toThrow(/S3_ENDPOINT: required when S3_BUCKET is set/);
    expect(() => loadConfig({ S3_ENDPOINT: 'not a url' })).toThrow(/S3_ENDPOINT/);
  });

  it('uses S3 when all of it is set', () => {
    const env = {
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'media',
      S3_ACCESS_KEY_ID: 'k',
      S3_SECRET_ACCESS_KEY: 's',
      S3_FORCE_PATH_STYLE: 'true',
    };
    expect(s3Settings(loadConfig(env))?.client).toMatchObject({
      bucket: 'media',
      forcePathStyle: true,
      region: 'us-east-1',
    });
    // A finished upload is copied to its final key with one CopyObject (at most 5 GiB).
    expect(() => loadConfig({ ...env, UPLOAD_MAX_BYTES: String(6 * 1024 ** 3) })).toThrow(
      /UPLOAD_MAX_BYTES: at most 5 GiB with S3 storage/,
    );
  });
});
