/**
 * Interlaced H.264 is marked in the sequence parameter set (frame_mbs_only_flag = 0: the stream may
 * code fields), not in any MP4 box, so the moov-only probe reads the SPS the avcC box carries.
 * Only what comes before that flag is parsed (ITU-T H.264 §7.3.2.1.1).
 */
export function h264SpsInterlaced(nalu: Uint8Array): boolean | null {
  try {
    const r = new BitReader(unescape(nalu.subarray(1))); // skip the NAL header byte
    const profileIdc = r.bits(8);
    r.bits(16); // constraint flags + reserved bits, level_idc
    r.ue(); // seq_parameter_set_id
    if (HIGH_PROFILES.has(profileIdc)) {
      const chromaFormat = r.ue();
      if (chromaFormat === 3) r.bits(1); // separate_colour_plane_flag
      r.ue(); // bit_depth_luma_minus8
      r.ue(); // bit_depth_chroma_minus8
      r.bits(1); // qpprime_y_zero_transform_bypass_flag
      if (r.bits(1)) skipScalingMatrix(r, chromaFormat === 3 ? 12 : 8);
    }
    r.ue(); // log2_max_frame_num_minus4
    const pocType = r.ue();
    if (pocType === 0) r.ue();
    else if (pocType === 1) {
      r.bits(1);
      r.se();
      r.se();
      const cycle = r.ue();
      for (let i = 0; i < cycle; i++) r.se();
    }
    r.ue(); // max_num_ref_frames
    r.bits(1); // gaps_in_frame_num_value_allowed_flag
    r.ue(); // pic_width_in_mbs_minus1
    r.ue(); // pic_height_in_map_units_minus1
    return r.bits(1) === 0;
  } catch {
    return null; // a cut-off or malformed SPS: unknown rather than a guess
  }
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

function skipScalingMatrix(r: BitReader, lists: number) {
  for (let i = 0; i < lists; i++) {
    if (!r.bits(1)) continue;
    const size = i < 6 ? 16 : 64;
    let last = 8;
    let next = 8;
    for (let j = 0; j < size && next !== 0; j++) {
      next = (last + r.se() + 256) % 256;
      if (next !== 0) last = next;
    }
  }
}

/** Removes emulation-prevention bytes (00 00 03 → 00 00). */
function unescape(bytes: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const b of bytes) {
    if (zeros >= 2 && b === 3) {
      zeros = 0;
      continue;
    }
    zeros = b === 0 ? zeros + 1 : 0;
    out.push(b);
  }
  return Uint8Array.from(out);
}

class BitReader {
  private pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  bits(n: number): number {
    let v = 0;
    for (let i = 0; i < n; i++) {
      const byte = this.bytes[this.pos >> 3];
      if (byte === undefined) throw new RangeError('end of SPS');
      v = v * 2 + ((byte >> (7 - (this.pos & 7))) & 1);
      this.pos++;
    }
    return v;
  }

  /** Exp-Golomb unsigned. */
  ue(): number {
    let zeros = 0;
    while (this.bits(1) === 0) {
      if (++zeros > 31) throw new RangeError('bad Exp-Golomb code');
    }
    return 2 ** zeros - 1 + this.bits(zeros);
  }

  se(): number {
    const k = this.ue();
    return k % 2 ? (k + 1) / 2 : -(k / 2);
  }
}
