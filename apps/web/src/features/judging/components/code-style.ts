import type { CSSProperties } from 'react';

/** Entry codes (K7Q2M9) in a monospace face, so 2/Z and 5/S are told apart at a glance. */
export const CODE_STYLE: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  letterSpacing: 2,
};
