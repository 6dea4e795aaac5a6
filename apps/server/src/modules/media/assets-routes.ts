import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { idSchema, text } from '@jiangtai/contracts';
import type { Actor } from '../../lib/actor.ts';
import type { AppDeps } from '../../lib/deps.ts';
import { AppError, forbidden } from '../../lib/errors.ts';
import { requireActor } from '../../lib/request.ts';
import { findAssetWithJob } from './assets-repository.ts';
import { hlsContentType, sendFileWithRanges } from './assets-files.ts';
import { presentAsset } from './assets-service.ts';
import { mediaOutputFile } from './output-store.ts';

/** Decides whether the actor may see a stored file (the entries module knows whose file it is). */
export type CanViewFile = (actor: Actor, fileId: string) => Promise<boolean>;

const fileParams = z.object({ fileId: idSchema });
const NOT_READY = '视频还在处理中，请稍后再试';

export function mediaRoutes(deps: AppDeps, access: { canViewFile: CanViewFile }): FastifyPluginAsyncZod {
  async function authorise(actor: Actor, fileId: string) {
    const asset = await findAssetWithJob(deps.db, fileId);
    if (!asset) throw new AppError('NOT_FOUND', '该视频不存在或尚未上传完成');
    if (!(await access.canViewFile(actor, fileId))) throw forbidden('您没有权限查看该视频');
    return asset;
  }

  return async (app) => {
    app.get(
      '/api/media/:fileId',
      { schema: { tags: ['media'], summary: '视频处理状态与播放地址（HLS、封面）', params: fileParams } },
      async (req) => {
        await authorise(requireActor(req), req.params.fileId);
        return (await presentAsset(deps.db, req.params.fileId))!;
      },
    );

    app.get(
      '/api/media/:fileId/hls/:name',
      {
        schema: {
          tags: ['media'],
          summary: 'HLS 播放列表与分片（分片支持 Range 请求）',
          params: fileParams.extend({ name: text().max(64) }),
        },
      },
      async (req, reply) => {
        const { fileId, name } = req.params;
        const type = hlsContentType(name);
        if (!type) throw new AppError('BAD_REQUEST', '文件名不正确');
        const asset = await authorise(requireActor(req), fileId);
        if (asset.status !== 'ready') throw new AppError('CONFLICT', NOT_READY);
        const playlist = name.endsWith('.m3u8');
        return sendFileWithRanges(reply, mediaOutputFile(deps.config, fileId, name), type, {
          range: req.headers.range,
          cacheSeconds: playlist ? 60 : 86_400,
          notFoundMessage: '该视频分片不存在',
        });
      },
    );

    app.get(
      '/api/media/:fileId/poster.jpg',
      { schema: { tags: ['media'], summary: '视频封面图', params: fileParams } },
      async (req, reply) => {
        const asset = await authorise(requireActor(req), req.params.fileId);
        if (asset.status !== 'ready') throw new AppError('CONFLICT', NOT_READY);
        if (!asset.poster) throw new AppError('NOT_FOUND', '该视频没有可用的封面图');
        return sendFileWithRanges(
          reply,
          mediaOutputFile(deps.config, req.params.fileId, asset.poster),
          'image/jpeg',
          { range: req.headers.range, cacheSeconds: 3600, notFoundMessage: '封面图不存在' },
        );
      },
    );
  };
}
