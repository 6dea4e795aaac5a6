import type { ContainerKind } from './detect-container.ts';

export type Rotation = 0 | 90 | 180 | 270;

export interface VideoInfo {
  codec: 'h264' | 'hevc' | 'other';
  codecLabel: string;
  profile: string | null;
  bitDepth: number;
  /** Coded size, as stored. */
  width: number;
  height: number;
  /** Clockwise rotation the player applies (phones store portrait video as rotated landscape). */
  rotation: Rotation;
  /** Size as shown, after rotation. */
  displayWidth: number;
  displayHeight: number;
  frameRate: number;
  variableFrameRate: boolean;
  /**
   * Interlaced (two fields per frame, as camcorders and broadcast gear record): combing on every
   * screen unless de-interlaced. From the H.264 SPS (moov probe) or ffprobe's field order.
   */
  interlaced: boolean;
  /** bits/s */
  bitRate: number | null;
}

export interface AudioInfo {
  codec: string;
  codecLabel: string;
  channels: number;
  sampleRate: number;
}

export interface MediaInfo {
  container: ContainerKind;
  containerLabel: string;
  /** null when not an MP4/MOV (or the box layout is unknown). */
  moovAtEnd: boolean | null;
  durationSeconds: number;
  /** bits/s, file size over duration. */
  overallBitRate: number | null;
  video: VideoInfo | null;
  audio: AudioInfo | null;
  /** Bytes the probe itself read from the source (ffprobe's own reads are not counted). */
  bytesRead: number;
  /**
   * 'mp4box': parsed from the moov box; 'ffprobe': fallback; 'header': only the container could be
   * told from the first bytes (a non-MP4 file without a local path, or one ffprobe could not read),
   * so video and audio are unknown rather than missing.
   */
  via: 'mp4box' | 'ffprobe' | 'header';
}
